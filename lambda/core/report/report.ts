/**
 * The run report: the product's public contract. Field names and verdict words here are what
 * dashboards, Logs Insights queries, the CLI's `--json` and users' scripts rely on; change them
 * only with a major version.
 */

import type { ProbeReport, SecurityFinding } from "./probe-report.js";
import type { ReportGap } from "./report-gap.js";
import type { ServiceAction, ServiceVerdict, TaskEvidence, TaskVerdict } from "./verdict-words.js";

/** The contract's parts, re-exported so that every consumer imports the report from one module. */
export * from "./probe-report.js";
export * from "./report-gap.js";
export * from "./verdict-words.js";

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
  /**
   * What the verdict rests on (`probe`, `timestamps`, `accepts-any-token`...). Always set by this
   * version; absent in reports written before it.
   */
  readonly evidence?: TaskEvidence;
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

export interface TriggerReport {
  /** Normalised trigger kind, e.g. `secret-label-updated`, `rotation-succeeded`, `deployment-state-change`, `sweep`, `direct`. */
  readonly kind: string;
  readonly eventId: string | null;
  /** ISO-8601 time of the triggering event, if it had one. */
  readonly eventTime: string | null;
  /**
   * Set when a deployment event re-verified the whole secret instead of its one service (a follow-up
   * of the cut-over, see `decideFollowUp`): why, in words. Absent otherwise.
   */
  readonly followUp?: string;
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
  /** `fingerprintKey` of the AWSCURRENT key material; `unknown` when its value could not be read (see `gaps`). */
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
