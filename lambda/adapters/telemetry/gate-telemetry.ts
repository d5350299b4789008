import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { GateRecord } from "../../core/gate/gate-types.js";
import { HookStatus } from "../../core/gate/gate-types.js";
import { GateMetricName, MetricNamespace } from "../../core/report/metric-names.js";

/**
 * The gate's metrics for one answer, as one EMF record without dimensions: a count of 1 under the
 * answer's name and 0 under the others (so the alarms return to OK), plus GateInconclusive when the
 * failure policy answered. FAILED counts what the evidence said, so a dry-run gate still shows
 * what it would have stopped.
 */
export function publishGateMetrics(record: GateRecord, metrics = createGateMetrics()): void {
  const answered = record.byPolicy ? record.hookStatus : record.verdict;
  metrics.addMetric(
    GateMetricName.gateSucceeded,
    MetricUnit.Count,
    answered === HookStatus.Succeeded ? 1 : 0,
  );
  metrics.addMetric(GateMetricName.gateFailed, MetricUnit.Count, answered === HookStatus.Failed ? 1 : 0);
  metrics.addMetric(
    GateMetricName.gateInProgress,
    MetricUnit.Count,
    answered === HookStatus.InProgress ? 1 : 0,
  );
  metrics.addMetric(GateMetricName.gateInconclusive, MetricUnit.Count, record.byPolicy ? 1 : 0);
  metrics.publishStoredMetrics();
}

function createGateMetrics(): Metrics {
  const metrics = new Metrics({ namespace: MetricNamespace });
  metrics.clearDefaultDimensions();
  return metrics;
}
