import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { MetricDimension, MetricName, MetricNamespace } from "../core/report/metric-names.js";
import type { RunReport, TaskVerdict } from "../core/report/report.js";
import { findingRecord, LogMessage, summaryRecord, taskRecord } from "./report-log-records.js";
import { countsByCluster, countsForReport } from "./report-metrics.js";

/** The service name in every log record. */
export const TelemetryServiceName = "rollout-verifier";

/** Where a report goes: Powertools Logger (JSON lines) and Metrics (EMF lines). */
export interface TelemetrySinks {
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export interface TelemetryOptions {
  /** @default "INFO" (or POWERTOOLS_LOG_LEVEL) */
  readonly logLevel?: "DEBUG" | "INFO" | "WARN" | "ERROR";
}

/**
 * A configured Logger and Metrics (namespace `EcsRolloutVerifier`). Powertools adds a `service`
 * default dimension to every metric; it is removed so that the series carry exactly the dimensions
 * the CDK alarms are built on (SecretName, or SecretName + Cluster).
 */
export function createTelemetry(options: TelemetryOptions = {}): TelemetrySinks {
  const logger = new Logger({
    serviceName: TelemetryServiceName,
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });
  const metrics = new Metrics({ namespace: MetricNamespace, serviceName: TelemetryServiceName });
  metrics.clearDefaultDimensions();
  return { logger, metrics };
}

const WARN_VERDICTS: ReadonlySet<TaskVerdict> = new Set(["stale", "pinned", "unreachable"]);

/**
 * Records one run: a summary log record, one record per non-current task, one error record per
 * security finding, and the run's metrics, flushed now as one EMF record (dimension SecretName)
 * plus one per cluster (SecretName + Cluster). Nothing here can contain key material or a token:
 * the report holds none, and free text is scrubbed of JWT-shaped strings anyway.
 */
export function publishReport(report: RunReport, sinks: TelemetrySinks): void {
  sinks.logger.info(LogMessage.summary, summaryRecord(report));
  for (const service of report.services) {
    for (const task of service.tasks) {
      if (task.verdict === "current") continue;
      const record = taskRecord(report, service, task);
      if (WARN_VERDICTS.has(task.verdict)) sinks.logger.warn(LogMessage.task, record);
      else sinks.logger.info(LogMessage.task, record);
    }
  }
  for (const finding of report.securityFindings)
    sinks.logger.error(LogMessage.finding, findingRecord(report, finding));
  publishRunMetrics(report, sinks.metrics);
  publishClusterMetrics(report);
}

function publishRunMetrics(report: RunReport, metrics: Metrics): void {
  metrics.addDimension(MetricDimension.secretName, report.secretName);
  for (const [name, value] of Object.entries(countsForReport(report)))
    metrics.addMetric(name, MetricUnit.Count, value);
  metrics.addMetric(MetricName.verificationSeconds, MetricUnit.Seconds, report.durationMs / 1000);
  metrics.publishStoredMetrics();
}

/** One small EMF record per cluster: cheap, and lets a dashboard split a fleet by cluster. */
function publishClusterMetrics(report: RunReport): void {
  for (const [cluster, counts] of countsByCluster(report)) {
    const metrics = new Metrics({ namespace: MetricNamespace });
    metrics.clearDefaultDimensions();
    metrics.addDimensions({
      [MetricDimension.secretName]: report.secretName,
      [MetricDimension.cluster]: cluster,
    });
    for (const [name, value] of Object.entries(counts)) metrics.addMetric(name, MetricUnit.Count, value);
    metrics.publishStoredMetrics();
  }
}
