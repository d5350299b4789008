import type { ReportGap, RunReport, ServiceReport, TaskReport } from "../../core/report/report.js";
import { LogMessage, scrubText } from "./report-log-records.js";

/**
 * Largest serialized task list in one service record. CloudWatch Logs cuts an event at 256 KB;
 * this leaves room for the record's envelope and the service's own fields.
 */
export const serviceRecordTaskBudgetBytes = 192 * 1024;

/**
 * One record per service with its tasks, in report order (`index`), split into `parts` when its
 * tasks would not fit one log event. With the summary record they hold the whole report:
 * `reportFromLogRecords` puts it back together. Free text is scrubbed of JWT-shaped strings.
 */
export function serviceRecords(
  report: RunReport,
  budgetBytes = serviceRecordTaskBudgetBytes,
): Record<string, unknown>[] {
  return report.services.flatMap((_, index) => serviceRecordsAt(report, index, budgetBytes));
}

/**
 * The records of the service at `index` alone: what `publishReport` builds and writes one service
 * at a time, so the scrubbed copy of a 50,000-task report never exists whole (one service's tasks
 * at most, about 500 KB, instead of about 50 MB).
 */
export function serviceRecordsAt(
  report: RunReport,
  index: number,
  budgetBytes = serviceRecordTaskBudgetBytes,
): Record<string, unknown>[] {
  const service = report.services[index];
  if (service === undefined) return [];
  const chunks = chunkTasks(service.tasks.map(scrubTask), budgetBytes);
  return chunks.map((tasks, part) => ({
    runId: report.runId,
    secretName: report.secretName,
    versionId: report.versionId,
    index,
    part,
    parts: chunks.length,
    serviceReport: { ...service, reason: scrubText(service.reason), tasks },
  }));
}

function scrubTask(task: TaskReport): TaskReport {
  const probe =
    task.probe.detail === undefined ? task.probe : { ...task.probe, detail: scrubText(task.probe.detail) };
  return { ...task, reason: scrubText(task.reason), probe };
}

function chunkTasks(tasks: readonly TaskReport[], budgetBytes: number): TaskReport[][] {
  const chunks: TaskReport[][] = [[]];
  let size = 0;
  for (const task of tasks) {
    const taskSize = Buffer.byteLength(JSON.stringify(task)) + 1;
    const current = chunks.at(-1) as TaskReport[];
    if (current.length > 0 && size + taskSize > budgetBytes) {
      chunks.push([task]);
      size = taskSize;
    } else {
      current.push(task);
      size += taskSize;
    }
  }
  return chunks;
}

/**
 * The JSON records among a log's lines: a local log file, or the messages of the events CloudWatch
 * Logs returns. The Lambda runtime's own lines (`START RequestId: …`, `END …`, `REPORT …`, a
 * timeout notice) and anything else that is not one JSON object are skipped, never fatal.
 */
export function logRecordsFromLines(lines: Iterable<string>): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  for (const line of lines) {
    const text = line.trim();
    if (!text.startsWith("{")) continue;
    try {
      const value: unknown = JSON.parse(text);
      if (value !== null && typeof value === "object" && !Array.isArray(value))
        records.push(value as Record<string, unknown>);
    } catch {
      // A line cut short or not JSON: not part of a report.
    }
  }
  return records;
}

/**
 * The one reader of logged reports, for `rollout-verifier report` and the tests alike: the reports a
 * log holds (a file's lines, or CloudWatch Logs messages), each as the handler returned it.
 */
export function reportsFromLogLines(lines: Iterable<string>): RunReport[] {
  return reportFromLogRecords(logRecordsFromLines(lines));
}

/**
 * The run reports in a list of parsed log lines (the function's log group, or the local fleet's
 * log file), rebuilt from each run's summary and service records: what the handler returned and
 * what `--json` prints, free text scrubbed. Runs whose records are incomplete are left out.
 */
export function reportFromLogRecords(records: readonly Record<string, unknown>[]): RunReport[] {
  const byRun = new Map<string, Record<string, unknown>[]>();
  for (const record of records)
    if (record.message === LogMessage.service)
      byRun.set(String(record.runId), [...(byRun.get(String(record.runId)) ?? []), record]);
  return records
    .filter((record) => record.message === LogMessage.summary)
    .flatMap((summary) => {
      const services = assembleServices(byRun.get(String(summary.runId)) ?? []);
      const expected = Array.isArray(summary.services) ? summary.services.length : -1;
      return services.length === expected ? [toReport(summary, services)] : [];
    });
}

function assembleServices(records: readonly Record<string, unknown>[]): ServiceReport[] {
  const sorted = [...records].sort(
    (a, b) => Number(a.index) - Number(b.index) || Number(a.part) - Number(b.part),
  );
  const services: ServiceReport[] = [];
  for (const record of sorted) {
    const part = record.serviceReport as ServiceReport;
    if (Number(record.part) === 0) services.push(part);
    else {
      const last = services.pop() as ServiceReport;
      services.push({ ...last, tasks: [...last.tasks, ...part.tasks] });
    }
  }
  return services;
}

/** Keys Powertools Logger adds to every record, and the summary's own list of findings. */
const notReportFields = new Set([
  "level",
  "message",
  "service",
  "timestamp",
  "sampling_rate",
  "xray_trace_id",
  "correlation_id",
  "cold_start",
  "function_arn",
  "function_memory_size",
  "function_name",
  "function_request_id",
  "findings",
]);

function toReport(summary: Record<string, unknown>, services: ServiceReport[]): RunReport {
  const header = Object.fromEntries(Object.entries(summary).filter(([key]) => !notReportFields.has(key)));
  const gaps = (summary.gaps as (ReportGap & { tasks: number })[]).map(({ tasks: _count, ...gap }) => gap);
  // Powertools Logger drops top-level null attributes: the report's one nullable header field comes back as null.
  const previousVersionId = header.previousVersionId ?? null;
  return {
    ...header,
    previousVersionId,
    services,
    securityFindings: summary.findings,
    gaps,
  } as unknown as RunReport;
}
