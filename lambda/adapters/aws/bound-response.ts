import type { HandlerResult } from "../../core/handle-event.js";
import type { RunReport } from "../../core/report/report.js";

/**
 * Lambda refuses a synchronous response above 6 MB (`Function.ResponseSizeTooLarge`): the run
 * would be done and logged, yet the caller would get an error. Kept below it with room to spare.
 */
export const responseLimitBytes = 5 * 1024 * 1024;

/** Set on a result whose reports left their task lists in the log: why, and where to read them. */
export const TASKS_IN_LOG =
  "the task lists are left out of this response (Lambda returns at most 6 MB): every task is in the function's log, one record per service (message `rollout verification service`), which `reportFromLogRecords` and the CLI's `--json` read back whole";

/** A handler result, possibly without its task lists (`tasksInLog` then says why). */
export type BoundedResult = HandlerResult & { readonly tasksInLog?: string };

/**
 * The result as Lambda may return it: unchanged while its task lists stay under `limitBytes`
 * (measured one service at a time, stopping at the limit, so a large fleet's report is never
 * serialized whole), otherwise every report with its totals and services but `tasks: []`. The log
 * records, written before this, hold every task: at 50,000 tasks the whole report is about 50 MB
 * of JSON, which the runtime would serialize on top of the report itself (measured: Max Memory Used
 * 398 MB before the response, 610 MB after it, at 512 MB).
 */
export function boundResponse(result: HandlerResult, limitBytes = responseLimitBytes): BoundedResult {
  if (result.outcome === "ignored" || fitsIn(result.reports, limitBytes)) return result;
  const reports = result.reports.map(
    (report): RunReport => ({
      ...report,
      services: report.services.map((service) => ({ ...service, tasks: [] })),
    }),
  );
  return { ...result, reports, tasksInLog: TASKS_IN_LOG };
}

function fitsIn(reports: readonly RunReport[], limitBytes: number): boolean {
  let bytes = 0;
  for (const report of reports)
    for (const service of report.services) {
      for (const task of service.tasks) {
        bytes += JSON.stringify(task).length;
        if (bytes > limitBytes) return false;
      }
    }
  return true;
}
