/**
 * The package's entry point (`import { RolloutVerifier } from "ecs-rollout-verifier"`): the construct,
 * its props and errors, the names it publishes (metrics, log messages, the redeploy tag), the event
 * patterns its rules use, and the run report's types for whoever consumes reports.
 */

export { LogMessage } from "../lambda/adapters/telemetry/report-log-records.js";
export {
  GateMetricName,
  MetricDimension,
  MetricName,
  MetricNamespace,
} from "../lambda/core/report/metric-names.js";
export type {
  ControlProbeReport,
  ProbeReport,
  ProbeSecretChoice,
  ReportGap,
  ReportTotals,
  RunReport,
  SecurityFinding,
  ServiceReport,
  TaskReport,
  TriggerReport,
} from "../lambda/core/report/report.js";
export {
  GapScope,
  ProbeStatus,
  SecurityFindingKind,
  ServiceAction,
  ServiceVerdict,
  TaskEvidence,
  TaskVerdict,
} from "../lambda/core/report/report.js";
export { verifierEventPatterns } from "./event-patterns.js";
export { RedeployTag } from "./resolve-verifier-settings.js";
export { RolloutVerifier } from "./rollout-verifier.js";
export { DeployErrorCode, RolloutVerifierPropsError } from "./rollout-verifier-error.js";
export type { RolloutVerifierProps } from "./rollout-verifier-props.js";
export type { VerifierMetricOptions } from "./verifier-metrics.js";
export { VerifierPolicySid } from "./verifier-policy.js";
