import { verdictWithEvidence } from "../cli/render/render-run-report.js";
import { renderTable } from "../cli/render/render-table.js";
import type { Style } from "../cli/render/style.js";
import type { InvocationRecord } from "../fleet/lambda/local-lambda.js";
import { GateHookDetail, type HookResponse } from "../lambda/core/gate/gate-types.js";
import type { HandlerResult } from "../lambda/core/handle-event.js";
import type { RunReport, ServiceReport, TaskReport } from "../lambda/core/report/report.js";

/**
 * One invocation of the verifier as the demo shows it: what invoked it, then per service either a
 * full task table (when something is wrong or was done) or one line (when all is well).
 */
export function renderInvocation(record: InvocationRecord, style: Style): string {
  const trigger = describeTrigger(record.event);
  const head = `${style.bold("Lambda")} invoked by ${trigger} ${style.dim(`(request ${record.requestId.slice(0, 8)}, attempt ${record.attempt}, ${Math.round(record.durationMs)} ms)`)}`;
  if (!record.ok) return `${head}\n  ${style.red(`failed: ${record.errorType}: ${record.errorMessage}`)}\n`;
  if (isHookResponse(record.result)) return `${head}\n${renderHookAnswer(record.result, style)}\n`;
  const result = record.result as HandlerResult;
  if (result.outcome === "ignored") return `${head}\n  ${style.dim(`ignored: ${result.reason}`)}\n`;
  return `${[head, ...result.reports.flatMap((report) => renderReport(report, style))].join("\n")}\n`;
}

function renderReport(report: RunReport, style: Style): string[] {
  const lines = [
    style.dim(
      `  secret ${report.secretName}, version ${report.versionId.slice(0, 8)}, key ${report.keyFingerprint}, cut-over ${report.cutover}`,
    ),
  ];
  for (const service of report.services) lines.push(...renderService(service, report, style));
  for (const finding of report.securityFindings) {
    lines.push(style.red(`  CRITICAL ${finding.kind}: ${finding.service} task at ${finding.url}`));
  }
  return lines;
}

function renderService(service: ServiceReport, report: RunReport, style: Style): string[] {
  const paint = {
    converged: style.green,
    wait: style.yellow,
    redeploy: style.yellow,
    blocked: style.red,
    failed: style.red,
  }[service.verdict];
  const action = service.action === "forced-deployment" ? " (forced a deployment)" : "";
  const heading = `  ${style.bold(service.service.padEnd(13))} ${paint(service.verdict)}${action}: ${service.reason}`;
  const quiet = service.verdict === "converged" && service.action === "none";
  if (quiet) return [heading];
  const rows = service.tasks.map((task) => taskRow(task, report.cutover));
  const table = renderTable(["TASK", "ADDRESS", "STARTED", "VERDICT", "PROBE"], rows);
  return [heading, ...table.split("\n").map((line) => `      ${line}`)];
}

function taskRow(task: TaskReport, cutover: string): string[] {
  const issuer = task.probe.issuer?.[0];
  const probe =
    task.probe.status !== "skipped"
      ? `${task.probe.httpStatus ?? ""} ${task.probe.status}${latency(task.probe.latencyMs)}`.trim()
      : issuer !== undefined
        ? `${issuer.kind === "token" ? "issued token" : issuer.kind}: ${issuerMatch[issuer.match] ?? issuer.match}${latency(issuer.latencyMs)}`
        : "not probed";
  return [
    task.taskArn.slice(task.taskArn.lastIndexOf("/") + 1, task.taskArn.lastIndexOf("/") + 9),
    task.address ?? "-",
    relativeStart(task.startedAt ?? task.createdAt, cutover),
    verdictWithEvidence(task),
    probe,
  ];
}

/** An issuer probe's match, as the demo says it: which key the task signs with. */
const issuerMatch: Readonly<Record<string, string>> = {
  current: "signed with AWSCURRENT",
  previous: "signed with AWSPREVIOUS",
  neither: "signed with another key",
};

function latency(ms: number | undefined): string {
  return ms === undefined ? "" : ` (${Math.round(ms)} ms)`;
}

/** "12.3s before cut-over" reads faster than two ISO timestamps side by side. */
export function relativeStart(at: string | null, cutover: string): string {
  if (at === null) return "not started";
  const seconds = (Date.parse(at) - Date.parse(cutover)) / 1000;
  return `${Math.abs(seconds).toFixed(1)}s ${seconds < 0 ? "before" : "after"} cut-over`;
}

/** The gate's answer to ECS: the status, coloured, and its one-sentence reason. */
function renderHookAnswer(answer: HookResponse, style: Style): string {
  const paint = { SUCCEEDED: style.green, FAILED: style.red, IN_PROGRESS: style.yellow }[answer.hookStatus];
  const delay = answer.callBackDelay === undefined ? "" : ` (ask again in ${answer.callBackDelay} s)`;
  const reason = answer.hookDetails?.[GateHookDetail.reason] ?? "";
  return `  deployment gate answers ECS: ${paint(answer.hookStatus)}${delay}: ${reason}`;
}

function isHookResponse(result: unknown): result is HookResponse {
  return typeof result === "object" && result !== null && "hookStatus" in result;
}

function describeTrigger(event: unknown): string {
  const hook = event as { lifecycleStage?: string; executionDetails?: { serviceArn?: string } };
  if (hook.lifecycleStage !== undefined)
    return `an ECS lifecycle hook (${hook.lifecycleStage} of ${hook.executionDetails?.serviceArn?.split("/").at(-1) ?? "a service"})`;
  const envelope = event as { "detail-type"?: string; detail?: { eventName?: string } };
  const detailType = envelope["detail-type"] ?? "a direct invocation";
  const name = envelope.detail?.eventName;
  return name ? `${detailType} (${name})` : detailType;
}
