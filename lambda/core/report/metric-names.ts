/**
 * CloudWatch metric names and namespace the verifier emits (EMF). The CDK construct builds its
 * alarms and dashboard from these, so a rename cannot silently orphan an alarm.
 */
export const MetricNamespace = "EcsRolloutVerifier";

/**
 * Dimensions stay low cardinality: the secret's name, the cluster for per-cluster series, the
 * service for the series of runs scoped to one service (deployment events), and the evidence kind
 * (`TaskEvidence`, a closed set of ten words) for the per-evidence series.
 */
export const MetricDimension = {
  secretName: "SecretName",
  cluster: "Cluster",
  service: "Service",
  evidence: "Evidence",
} as const;

export const MetricName = {
  tasksChecked: "TasksChecked",
  tasksStale: "TasksStale",
  tasksPinned: "TasksPinned",
  /** Tasks no evidence settles (or whose evidence disagrees): reported and counted, never forced on. */
  tasksUnknown: "TasksUnknown",
  /**
   * Runtime-fetch tasks still on the previous key inside their cache TTL: waited on, never forced.
   * They should fall to 0 once the TTL since the cut-over has run out.
   */
  tasksRefreshing: "TasksRefreshing",
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
 * The per-evidence series: what each task's verdict rests on (`TaskEvidence`), with dimensions
 * SecretName + Evidence. Published by runs over every consumer of a secret, one record per evidence
 * kind, zeros included, so that a line falls when the evidence it counts is gone. Kept apart from
 * `MetricName`, whose series carry no Evidence dimension.
 */
export const EvidenceMetricName = {
  /** Tasks whose verdict rests on this evidence kind, whatever the verdict. */
  tasksByEvidence: "TasksByEvidence",
  /** `current` tasks proven by this evidence kind: a probe, a JWKS, a logged fingerprint, timestamps... */
  tasksCurrentByEvidence: "TasksCurrentByEvidence",
  /** `stale` tasks proven by this evidence kind: what a forced deployment rested on. */
  tasksStaleByEvidence: "TasksStaleByEvidence",
} as const;
export type EvidenceMetricName = (typeof EvidenceMetricName)[keyof typeof EvidenceMetricName];

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
