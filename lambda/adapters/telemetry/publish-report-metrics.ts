import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { MetricDimension, MetricName, MetricNamespace } from "../../core/report/metric-names.js";
import type { RunReport } from "../../core/report/report.js";
import {
  clusterName,
  countsByCluster,
  countsByEvidence,
  countsForReport,
  countsForServices,
  metricScope,
  timeToConvergeSeconds,
} from "./report-metrics.js";

/**
 * The metrics the alarms read. A service-scoped run publishes them only when they are not zero:
 * it may raise an alarm, but only a run over every consumer of the secret reports the problem gone.
 */
const alarmMetrics: ReadonlySet<string> = new Set([MetricName.servicesFailed, MetricName.securityFindings]);

/**
 * Publishes one run's metrics as EMF records, flushed now. A run over every consumer of its secret
 * (the rotation's, a sweep, a direct run, and a deployment event's follow-up that re-verified the
 * whole secret: `metricScope`) publishes the secret-wide series (dimension SecretName) and one per
 * cluster (SecretName + Cluster); a run scoped to one service (a deployment event) publishes only
 * that service's series (SecretName + Cluster + Service), so it never replaces the secret's totals
 * with a part of them. `TimeToConvergeSeconds` comes only with the secret-wide series, once per
 * rotation (`timeToConvergeSeconds`). The secret-wide run also publishes one record per evidence
 * kind (SecretName + Evidence, zeros included: `countsByEvidence`), so a dashboard shows what the
 * verdicts rest on; a service-scoped run does not, as it covers a part of the fleet.
 */
export function publishReportMetrics(report: RunReport, metrics: Metrics): void {
  if (metricScope(report) === "service") {
    publishServiceMetrics(report);
    return;
  }
  metrics.addDimension(MetricDimension.secretName, report.secretName);
  for (const [name, value] of Object.entries(countsForReport(report)))
    metrics.addMetric(name, MetricUnit.Count, value);
  addDurations(metrics, report);
  metrics.publishStoredMetrics();
  for (const [cluster, counts] of countsByCluster(report)) {
    const perCluster = newMetrics({
      [MetricDimension.secretName]: report.secretName,
      [MetricDimension.cluster]: cluster,
    });
    for (const [name, value] of Object.entries(counts)) perCluster.addMetric(name, MetricUnit.Count, value);
    perCluster.publishStoredMetrics();
  }
  for (const [evidence, counts] of countsByEvidence(report)) {
    const perEvidence = newMetrics({
      [MetricDimension.secretName]: report.secretName,
      [MetricDimension.evidence]: evidence,
    });
    for (const [name, value] of Object.entries(counts)) perEvidence.addMetric(name, MetricUnit.Count, value);
    perEvidence.publishStoredMetrics();
  }
}

function publishServiceMetrics(report: RunReport): void {
  for (const service of report.services) {
    const metrics = newMetrics({
      [MetricDimension.secretName]: report.secretName,
      [MetricDimension.cluster]: clusterName(service.cluster),
      [MetricDimension.service]: service.service,
    });
    const counts = {
      ...countsForServices([service]),
      [MetricName.securityFindings]: report.securityFindings.filter((f) => f.service === service.service)
        .length,
    };
    for (const [name, value] of Object.entries(counts))
      if (!(alarmMetrics.has(name) && value === 0)) metrics.addMetric(name, MetricUnit.Count, value);
    addDurations(metrics, report);
    metrics.publishStoredMetrics();
  }
}

function addDurations(metrics: Metrics, report: RunReport): void {
  metrics.addMetric(MetricName.verificationSeconds, MetricUnit.Seconds, report.durationMs / 1000);
  const converged = timeToConvergeSeconds(report);
  if (converged !== undefined)
    metrics.addMetric(MetricName.timeToConvergeSeconds, MetricUnit.Seconds, converged);
}

function newMetrics(dimensions: Record<string, string>): Metrics {
  const metrics = new Metrics({ namespace: MetricNamespace });
  metrics.clearDefaultDimensions();
  metrics.addDimensions(dimensions);
  return metrics;
}
