/** The report contract's gaps: what a run could not see or do, stated instead of hidden. */

/** What part of the fleet a gap covers. */
export const GapScope = {
  /**
   * The watched secret's value (GetSecretValue failed): nothing was probed, every task is judged by
   * its timestamps, and the invocation fails after reporting so Lambda retries it.
   */
  Secret: "secret",
  /**
   * CloudTrail's event history (LookupEvents) failed: the cut-over window is the API bounds, wider,
   * so more tasks are `unknown`. The detail names the missing grant or route.
   */
  Cutover: "cutover",
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
