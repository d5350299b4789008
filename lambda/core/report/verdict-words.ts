/**
 * The words of the report contract: what a task holds, what a service is, what the verifier did.
 * Dashboards, alarms, Logs Insights queries and users' scripts match on these strings.
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
  /** A forced deployment was needed; the cap on forced deployments in flight was reached. */
  Capped: "capped",
} as const;
export type ServiceAction = (typeof ServiceAction)[keyof typeof ServiceAction];
