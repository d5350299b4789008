import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { MetricNamespace } from "../../core/report/metric-names.js";
import type { RunReport, TaskVerdict } from "../../core/report/report.js";
import { publishReportMetrics } from "./publish-report-metrics.js";
import { findingRecord, LogMessage, summaryRecord, taskRecord } from "./report-log-records.js";
import { serviceRecordsAt } from "./report-service-records.js";

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
 * Output queued in this process, not yet taken by the log pipe, above which publishing waits for it
 * to drain: stdout to a pipe is asynchronous in Node, so a 50,000-task report's 100 MB of records
 * would otherwise sit in memory until the reader caught up.
 */
const maxQueuedOutputBytes = 1024 * 1024;

function backlogged(): boolean {
  return (
    process.stdout.writableLength > maxQueuedOutputBytes ||
    process.stderr.writableLength > maxQueuedOutputBytes
  );
}

async function drained(): Promise<void> {
  for (const stream of [process.stdout, process.stderr])
    if (stream.writableLength > maxQueuedOutputBytes)
      await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
}

/**
 * Records one run: a summary log record, one record per service with its tasks (together the
 * whole report, see `reportFromLogRecords`), one record per non-current task, one error record per
 * security finding, and the run's metrics (`publishReportMetrics`). Nothing here can contain key material or a token:
 * the report holds none, and free text is scrubbed of JWT-shaped strings anyway. Resolves once
 * every record is handed to the log; with more than 1 MB queued it waits for the pipe to drain.
 */
export async function publishReport(report: RunReport, sinks: TelemetrySinks): Promise<void> {
  sinks.logger.info(LogMessage.summary, summaryRecord(report));
  // One service at a time: each record is written as it is built and can be collected at once.
  for (const [index] of report.services.entries()) {
    for (const record of serviceRecordsAt(report, index)) sinks.logger.info(LogMessage.service, record);
    if (backlogged()) await drained();
  }
  let written = 0;
  for (const service of report.services) {
    for (const task of service.tasks) {
      if (task.verdict === "current") continue;
      const record = taskRecord(report, service, task);
      if (WARN_VERDICTS.has(task.verdict)) sinks.logger.warn(LogMessage.task, record);
      else sinks.logger.info(LogMessage.task, record);
      written += 1;
      if (written % 500 === 0 && backlogged()) await drained();
    }
  }
  for (const finding of report.securityFindings)
    sinks.logger.error(LogMessage.finding, findingRecord(report, finding));
  publishReportMetrics(report, sinks.metrics);
}
