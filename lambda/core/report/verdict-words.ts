/**
 * The verdict and action words of the run report: part of its public contract (dashboards, Logs
 * Insights queries, `--json` consumers match on these strings), so change them only with a major version.
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
