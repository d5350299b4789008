/**
 * CloudWatch metric names and namespace the verifier emits (EMF). The CDK construct builds its
 * alarms and dashboard from these, so a rename cannot silently orphan an alarm.
 */
export const MetricNamespace = "EcsRolloutVerifier";

/**
 * Dimensions stay low cardinality: the secret's name, the cluster for per-cluster series, and the
 * service for the series of runs scoped to one service (deployment events).
 */
export const MetricDimension = {
  secretName: "SecretName",
  cluster: "Cluster",
  service: "Service",
} as const;

export const MetricName = {
  tasksChecked: "TasksChecked",
  tasksStale: "TasksStale",
  tasksPinned: "TasksPinned",
  /** Tasks no evidence settles (or whose evidence disagrees): reported and counted, never forced on. */
  tasksUnknown: "TasksUnknown",
  probeRejected: "ProbeRejected",
  probeUnreachable: "ProbeUnreachable",
  securityFindings: "SecurityFindings",
  servicesRedeployed: "ServicesRedeployed",
  servicesBlocked: "ServicesBlocked",
  /** Forced deployments that FAILED or rolled back, or still left stale tasks once COMPLETED. */
  servicesFailed: "ServicesFailed",
  /** How long one run took, trigger to report. */
  verificationSeconds: "VerificationSeconds",
  /** Cut-over to the run that proved every task of its scope current: the rotation's real convergence time. */
  timeToConvergeSeconds: "TimeToConvergeSeconds",
  /** Entries in the report's `gaps`: calls that failed, clusters skipped, work the deadline did not reach. */
  reportGaps: "ReportGaps",
} as const;
export type MetricName = (typeof MetricName)[keyof typeof MetricName];

/**
 * The deployment gate's metrics, one per answer, without dimensions (one series per account and
 * region). Kept apart from `MetricName`, whose names are the per-secret run counts.
 */
export const GateMetricName = {
  gateSucceeded: "GateSucceeded",
  /** The gate rolled a deployment back (FAILED): a revision would have broken users. */
  gateFailed: "GateFailed",
  gateInProgress: "GateInProgress",
  /** The failure policy answered instead of the evidence (the verifier failed, or waited out). */
  gateInconclusive: "GateInconclusive",
} as const;
export type GateMetricName = (typeof GateMetricName)[keyof typeof GateMetricName];
