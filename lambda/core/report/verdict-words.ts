/**
 * The words of the report contract: what a task holds, what a service is, what the verifier did.
 * Dashboards, alarms, Logs Insights queries and users' scripts match on these strings.
 */

/**
 * What one running task holds, as far as the evidence goes. Each verdict says what it proves; which
 * evidence it rests on is the task's `evidence` (`TaskEvidence`): a dashboard tells "holds the new
 * key" (`current` by `probe`) from "accepts anything" (`accepts-any-token`) by that field.
 */
export const TaskVerdict = {
  /**
   * Holds AWSCURRENT: it accepted a token signed with AWSCURRENT (and refused the forged ones it was
   * sent), or it was created after the cut-over, or its task definition names the current version id.
   */
  Current: "current",
  /**
   * Started before the cut-over, or proven by the probe: it rejected the AWSCURRENT token and accepted
   * the control token signed with AWSPREVIOUS. The only verdict a forced deployment rests on.
   */
  Stale: "stale",
  /** Its valueFrom pins a version id or a stage other than AWSCURRENT: a redeploy will not help. */
  Pinned: "pinned",
  /** Not yet RUNNING: it has read nothing yet. */
  Pending: "pending",
  /** The probe timed out or was refused, and timestamps do not settle it. */
  Unreachable: "unreachable",
  /**
   * No evidence either way, or evidence that disagrees (created after the cut-over yet rejecting the
   * AWSCURRENT token): reported and counted, never acted on.
   */
  Unknown: "unknown",
  /**
   * Its task definition reads the secret only as registry credentials (`repositoryCredentials`),
   * which ECS uses to pull the image: the running containers hold no copy, so the rotation leaves
   * nothing stale and nothing to force (the next pull reads AWSCURRENT).
   */
  Unaffected: "unaffected",
  /**
   * It fetches the secret at run time through a cache (service tags `rollout-verifier:secret` and
   * `rollout-verifier:cache-ttl`) and still holds the previous key, but its cache TTL since the
   * cut-over has not run out: it will fetch AWSCURRENT on its own. Waited on, re-verified after the
   * TTL, never forced.
   */
  Refreshing: "refreshing",
} as const;
export type TaskVerdict = (typeof TaskVerdict)[keyof typeof TaskVerdict];

/** What a task's verdict rests on: the evidence that decided it. */
export const TaskEvidence = {
  /**
   * Its probes: it accepted the AWSCURRENT token (it holds the new key), or rejected it and accepted
   * the AWSPREVIOUS control token (it holds the previous key), and accepted no forged token.
   */
  Probe: "probe",
  /** Its task definition references the AWSCURRENT version by id, which ECS read at start. */
  VersionId: "version-id",
  /** Its task definition alone: a pin to another version, or a registry-credentials-only reference. */
  TaskDefinition: "task-definition",
  /** When it was created or started, against the cut-over (the probe was not sent or not decisive). */
  Timestamps: "timestamps",
  /**
   * It accepted a token it must refuse (`alg: none`, or one signed with a wrong key): its AWSCURRENT
   * and control answers prove nothing about its key, so the verdict rests on timestamps alone (or is
   * `unknown`). A critical security finding names it.
   */
  AcceptsAnyToken: "accepts-any-token",
  /**
   * Its issuer probe (tag `rollout-verifier:issue-path`): a token it issued verified with AWSCURRENT
   * (it signs with the new key) or only with AWSPREVIOUS (it signs with the previous key).
   */
  IssuerProbe: "issuer-probe",
  /**
   * Its JWKS (tag `rollout-verifier:jwks-path`): it publishes AWSCURRENT's public key, or only
   * AWSPREVIOUS's.
   */
  Jwks: "jwks",
  /**
   * The key fingerprint its container logged at start (tag `rollout-verifier:fingerprint-log`), read
   * from its own log stream: AWSCURRENT's, or AWSPREVIOUS's.
   */
  LogFingerprint: "log-fingerprint",
  /** Its ECS status: not RUNNING yet. */
  TaskStatus: "task-status",
  /** Nothing settles it: `unknown` or `unreachable`. */
  None: "none",
} as const;
export type TaskEvidence = (typeof TaskEvidence)[keyof typeof TaskEvidence];

/** What the verifier concluded about one service (or one standalone task family). */
export const ServiceVerdict = {
  /**
   * Every task holds AWSCURRENT (or is `unaffected`), and no task accepted a forged token: a critical
   * finding keeps a service `blocked` whatever its verdicts.
   */
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
  /** A forced deployment was needed; the cap on forced deployments in flight was reached. */
  Capped: "capped",
} as const;
export type ServiceAction = (typeof ServiceAction)[keyof typeof ServiceAction];
