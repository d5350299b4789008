/**
 * The run report: the product's public contract. Field names and verdict words here are what
 * dashboards, Logs Insights queries, the CLI's `--json` and users' scripts rely on; change them
 * only with a major version.
 */

/** What one running task holds, as far as the evidence goes. */
export const TaskVerdict = {
  /** Created after the cut-over, or accepted a token signed with AWSCURRENT. */
  Current: "current",
  /**
   * Started before the cut-over, or proven by the probe: it rejected the AWSCURRENT token and accepted
   * the control token signed with AWSPREVIOUS. The only verdict a forced deployment rests on.
   */
  Stale: "stale",
  /** Its valueFrom pins a version id or a stage other than AWSCURRENT: a redeploy will not help. */
  Pinned: "pinned",
  /** Not yet RUNNING. */
  Pending: "pending",
  /** The probe timed out or was refused, and timestamps do not settle it. */
  Unreachable: "unreachable",
  /**
   * No evidence either way, or evidence that disagrees (created after the cut-over yet rejecting the
   * AWSCURRENT token): reported and counted, never acted on.
   */
  Unknown: "unknown",
} as const;
export type TaskVerdict = (typeof TaskVerdict)[keyof typeof TaskVerdict];

/** What the verifier concluded about one service (or one standalone task family). */
export const ServiceVerdict = {
  Converged: "converged",
  Redeploy: "redeploy",
  Wait: "wait",
  Blocked: "blocked",
  Failed: "failed",
} as const;
export type ServiceVerdict = (typeof ServiceVerdict)[keyof typeof ServiceVerdict];

/** What the verifier did about a service in this run. */
export const ServiceAction = {
  /** Nothing needed or nothing possible. */
  None: "none",
  /** UpdateService(forceNewDeployment) was called. */
  ForcedDeployment: "forced-deployment",
  /** A forced deployment was needed; dry-run mode did not make it. */
  DryRun: "dry-run",
  /** A forced deployment was needed; the per-run cap was reached. */
  Capped: "capped",
} as const;
export type ServiceAction = (typeof ServiceAction)[keyof typeof ServiceAction];

/** How a probe request ended. */
export const ProbeStatus = {
  Accepted: "accepted",
  Rejected: "rejected",
  /**
   * Rejected the AWSCURRENT token and the control token signed with AWSPREVIOUS alike: the probe's
   * claims, path or the app's configuration are wrong for it, so it proves nothing about the key.
   */
  Inconclusive: "inconclusive",
  /** Answered with a status that is neither accepted nor a 401/403 rejection. */
  Unexpected: "unexpected",
  Timeout: "timeout",
  Refused: "refused",
  Error: "error",
  /** Not probed: no probe configured, no address, or the task is not RUNNING. */
  Skipped: "skipped",
} as const;
export type ProbeStatus = (typeof ProbeStatus)[keyof typeof ProbeStatus];

export interface ProbeReport {
  /** How the AWSCURRENT token fared (`inconclusive` when the control token was rejected too). */
  readonly status: ProbeStatus;
  /** The URL probed: the task's own address, never a load balancer. */
  readonly url?: string;
  readonly httpStatus?: number;
  readonly latencyMs?: number;
  /** A short reason, never a token or key. */
  readonly detail?: string;
  /**
   * The app's own words for a rejection (`WWW-Authenticate` `error_description`, or a short JSON
   * `error`/`message`), at most 200 characters, never anything token-like: "jwt audience invalid".
   */
  readonly appReason?: string;
  /**
   * The secret the probe signed with: the environment variable of the probed container (the one that
   * owns the probe port) that it verifies JWTs with, and its json-key. Absent when nothing was signed.
   */
  readonly secret?: ProbeSecretChoice;
  /** The control token signed with AWSPREVIOUS, when AWSPREVIOUS exists and differs from AWSCURRENT. */
  readonly control?: ControlProbeReport;
  /**
   * True when the task accepted the AWSCURRENT token and the AWSPREVIOUS control token alike: a
   * dual-key grace period. It verifies new tokens; which key is its primary the probe cannot tell.
   */
  readonly acceptsPrevious?: boolean;
}

/** Which of the probed container's secrets the probe signed with, and why that one. */
export interface ProbeSecretChoice {
  /** The environment variable (`secrets[].name`) of the probed container. */
  readonly variable: string;
  readonly container: string;
  readonly jsonKey?: string;
  /** `tag` (rollout-verifier:probe-secret), `only` (its one secret) or `name` (the one named like a JWT key). */
  readonly chosenBy: "tag" | "only" | "name";
}

/** The outcome of the control token: signed with AWSPREVIOUS, it tells a stale task from a wrong probe. */
export interface ControlProbeReport {
  readonly status: ProbeStatus;
  readonly httpStatus?: number;
  readonly appReason?: string;
}

export const SecurityFindingKind = {
  AcceptsAlgNone: "accepts-alg-none",
  AcceptsWrongKey: "accepts-wrong-key",
} as const;
export type SecurityFindingKind = (typeof SecurityFindingKind)[keyof typeof SecurityFindingKind];

export interface SecurityFinding {
  readonly severity: "critical";
  readonly kind: SecurityFindingKind;
  readonly cluster: string;
  readonly service: string;
  readonly taskArn: string;
  readonly url: string;
}

export interface TaskReport {
  readonly taskArn: string;
  /** `family:revision`. */
  readonly taskDefinition: string;
  readonly lastStatus: string;
  /** ISO-8601, or null when ECS gave none. */
  readonly createdAt: string | null;
  readonly startedAt: string | null;
  /** `ip:port` the probe targets, or null when ECS reported no address. */
  readonly address: string | null;
  readonly verdict: TaskVerdict;
  /** One sentence: the evidence behind the verdict. */
  readonly reason: string;
  readonly probe: ProbeReport;
}

export interface ServiceReport {
  readonly cluster: string;
  /** Service name, or `family:<family>` for standalone tasks. */
  readonly service: string;
  readonly serviceArn: string | null;
  readonly kind: "service" | "standalone";
  readonly verdict: ServiceVerdict;
  readonly action: ServiceAction;
  /** Why this verdict, and for `blocked`/`failed` exactly what the operator must do. */
  readonly reason: string;
  /** The deployment the verifier forced (or is waiting on), if any. */
  readonly deploymentId: string | null;
  readonly tasks: readonly TaskReport[];
}

/** What part of the fleet a gap covers. */
export const GapScope = {
  /** ListClusters: no cluster could be searched. */
  Account: "account",
  /** One cluster: not found, or its services could not be listed. */
  Cluster: "cluster",
  /** One or more services that could not be described or whose task definitions could not be read. */
  Service: "service",
  /** Running tasks that could not be listed, described or judged. */
  Tasks: "tasks",
  /** Probes not sent: the run's time budget ran short. */
  Probes: "probes",
  /** A forced deployment whose outcome could not be confirmed. */
  Deployment: "deployment",
} as const;
export type GapScope = (typeof GapScope)[keyof typeof GapScope];

/**
 * Something the run could not see or do, stated instead of hidden: a failed or throttled call, a
 * cluster that no longer exists, work the run's deadline did not reach. Tasks a gap hides carry the
 * verdict `unknown` (or are listed here when ECS named them but nothing else is known), and nothing
 * is forced on missing data.
 */
export interface ReportGap {
  readonly scope: GapScope;
  /** The cluster's name, when the gap is inside one. */
  readonly cluster: string | null;
  /** What the failed call covered: a service name, a task definition, `5 tasks`... */
  readonly resource: string;
  /** The AWS operation (`DescribeTasks`), or `Probe` / `RunDeadline` for the verifier's own limits. */
  readonly operation: string;
  /** The AWS error name (`ThrottlingException`, `ClusterNotFoundException`), or `CallTimeout`, `RunDeadlineReached`. */
  readonly errorCode: string;
  /** One sentence: what the gap hides and what the verifier did about it. Bounded in length. */
  readonly detail: string;
  /** Running tasks ECS listed that this gap leaves unjudged (not in any service's task list). */
  readonly taskArns: readonly string[];
}

export interface TriggerReport {
  /** Normalised trigger kind, e.g. `secret-label-updated`, `rotation-succeeded`, `deployment-state-change`, `sweep`, `direct`. */
  readonly kind: string;
  readonly eventId: string | null;
  /** ISO-8601 time of the triggering event, if it had one. */
  readonly eventTime: string | null;
}

export interface ReportTotals {
  readonly services: number;
  readonly tasks: number;
  readonly byTaskVerdict: Readonly<Record<TaskVerdict, number>>;
  readonly byServiceVerdict: Readonly<Record<ServiceVerdict, number>>;
  readonly probeRejected: number;
  readonly probeUnreachable: number;
  readonly servicesRedeployed: number;
  readonly securityFindings: number;
  /** Entries in `gaps`: 0 means the run saw everything it looked for. */
  readonly gaps: number;
}

export interface RunReport {
  readonly reportVersion: 1;
  readonly runId: string;
  readonly secretArn: string;
  readonly secretName: string;
  /** The AWSCURRENT version id the fleet should hold. */
  readonly versionId: string;
  readonly previousVersionId: string | null;
  /** `fingerprintKey` of the AWSCURRENT key material. */
  readonly keyFingerprint: string;
  /** ISO-8601 cut-over time, and where it came from (`event` or a conservative API bound). */
  readonly cutover: string;
  /**
   * ISO-8601 earliest possible cut-over. Equal to `cutover` when an event gave the exact time; without
   * one, `cutover` is the latest possible moment and this the earliest (tasks in between need a probe).
   */
  readonly cutoverEarliest?: string;
  readonly cutoverSource: string;
  readonly trigger: TriggerReport;
  readonly dryRun: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly services: readonly ServiceReport[];
  readonly securityFindings: readonly SecurityFinding[];
  /** What this run could not see or do; empty when it saw everything. */
  readonly gaps: readonly ReportGap[];
  readonly totals: ReportTotals;
}
