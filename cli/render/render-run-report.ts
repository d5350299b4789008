import type { ReportGap, RunReport, ServiceReport, TaskReport } from "../../lambda/core/report/report.js";
import { foundNoConsumers } from "../commands/judge-run.js";
import { describeRedeployPolicy, type RedeployPolicy } from "../commands/redeploy-policy.js";
import { renderTable } from "./render-table.js";
import type { Style } from "./style.js";

/**
 * The human form of a run report: a heading, one table per service (its tasks), security findings,
 * gaps, and a one-line verdict last, where a glance at the terminal lands. Fields and verdicts it
 * does not know are shown as they come, never dropped: the report grows additively.
 */
export function renderRunReport(
  report: RunReport,
  options: {
    readonly noProbe: boolean;
    readonly policy?: RedeployPolicy;
    /** `--redeploy --wait`: the report is the last read-only poll after the run that forced. */
    readonly waitedAfterRedeploy?: boolean;
    /** The report comes from the function's log (`report`), not from a run the CLI made. */
    readonly logged?: boolean;
    /** `--all`: list the tasks of converged services too (else one summary line each). */
    readonly all?: boolean;
    /** The terminal's width: table rows are cut to it (the reason column first). None: whole lines. */
    readonly width?: number;
  },
  style: Style,
): string {
  const scope = options.policy === undefined ? "" : `: ${describeRedeployPolicy(options.policy)}`;
  const mode = options.logged
    ? report.dryRun
      ? "dry run: the function forced nothing (its dryRun setting); Next lines say how to act"
      : "redeploy: the function forced what the actions say"
    : options.waitedAfterRedeploy
      ? `redeploy${scope}; then --wait polled read-only (this is the last poll)`
      : report.dryRun
        ? `read-only; --redeploy would force ${options.policy ? describeRedeployPolicy(options.policy) : "deployments"}`
        : `redeploy${scope}`;
  const lines = [
    `${style.bold("Secret")}    ${report.secretName}  ${style.dim(report.secretArn)}`,
    `${style.bold("Current")}   version ${report.versionId}  key ${report.keyFingerprint}`,
    `${style.bold("Cut-over")}  ${report.cutover} (${report.cutoverSource})`,
    `${style.bold("Mode")}      ${mode}`,
  ];
  if (options.logged) {
    const trigger = `${report.trigger.kind}${report.trigger.followUp ? " (follow-up over the whole secret)" : ""}`;
    lines.splice(
      0,
      0,
      `${style.bold("Run")}       ${report.runId}  ${trigger}  finished ${report.finishedAt}`,
    );
  }
  if (options.noProbe)
    lines.push(
      `${style.bold("Probes")}    off (--no-probe): verdicts rest on task timestamps and version pins only`,
    );
  for (const service of report.services) lines.push("", ...renderService(service, report, options, style));
  for (const finding of report.securityFindings) {
    lines.push(
      "",
      style.red(
        `CRITICAL ${finding.kind}: ${finding.cluster}/${finding.service} task ${shortId(finding.taskArn)} at ${finding.url}`,
      ),
    );
  }
  for (const gap of report.gaps ?? []) lines.push("", style.yellow(gapLine(gap, options.logged === true)));
  lines.push("", summaryLine(report, style));
  return `${lines.join("\n")}\n`;
}

function renderService(
  service: ServiceReport,
  report: RunReport,
  options: { readonly all?: boolean; readonly width?: number; readonly logged?: boolean },
  style: Style,
): string[] {
  const paint =
    service.verdict === "converged" ? style.green : service.verdict === "wait" ? style.yellow : style.red;
  const action =
    service.action === "none"
      ? ""
      : `  action ${service.action}${service.deploymentId ? ` ${service.deploymentId}` : ""}`;
  const heading = `${style.bold(`${service.cluster} / ${service.service}`)}  ${paint(service.verdict.toUpperCase())}${action}`;
  const next = nextCommand(service, report, options.logged === true);
  const nextLine = next === undefined ? [] : [`  ${style.bold("Next:")} ${next}`];
  if (service.verdict === "converged" && options.all !== true && service.tasks.length > 0)
    return [heading, `  ${service.reason}`, `  ${summarizeTasks(service.tasks)} (--all lists them)`];
  const rows = service.tasks.map(taskRow);
  const table =
    rows.length === 0
      ? "  (no running tasks)"
      : indent(
          renderTable(
            ["TASK", "TASK DEF", "STARTED", "ADDRESS", "VERDICT", "PROBE", "REASON"],
            rows,
            undefined,
            options.width === undefined ? undefined : options.width - 2,
          ),
        );
  return [heading, `  ${service.reason}`, table, ...nextLine];
}

/** `12 tasks: 12 current`: a converged service's tasks in one line. */
function summarizeTasks(tasks: readonly TaskReport[]): string {
  const counts = new Map<string, number>();
  for (const task of tasks) counts.set(task.verdict, (counts.get(task.verdict) ?? 0) + 1);
  return `${plural(tasks.length, "task")}: ${[...counts].map(([verdict, count]) => `${count} ${verdict}`).join(", ")}`;
}

/**
 * The exact command that acts on what a service's verdict asks for, or none when nothing is to be
 * done by hand (converged, or waiting on a deployment that is rolling).
 */
export function nextCommand(service: ServiceReport, report: RunReport, logged: boolean): string | undefined {
  const cluster = service.cluster.slice(service.cluster.lastIndexOf("/") + 1);
  const verify = `rollout-verifier verify --secret-id ${report.secretName} --cluster ${cluster} --service ${service.service}`;
  if (service.verdict === "redeploy" && (service.action === "dry-run" || service.action === "none"))
    return `${verify} --redeploy --wait`;
  if (service.verdict === "redeploy" && service.action === "capped" && logged)
    return `${verify} --redeploy --wait`;
  if (service.verdict === "blocked" && /lacks the tag/.test(service.reason))
    return `${verify} --redeploy --no-redeploy-tag --wait   (or tag it: aws ecs tag-resource --resource-arn ${service.serviceArn ?? "<service ARN>"} --tags key=rollout-verifier:redeploy,value=true)`;
  if (service.verdict === "failed")
    return `aws ecs describe-services --cluster ${cluster} --services ${service.service} --query 'services[0].events[:5]'`;
  return undefined;
}

function taskRow(task: TaskReport): string[] {
  const probe =
    task.probe.httpStatus === undefined ? task.probe.status : `${task.probe.status} ${task.probe.httpStatus}`;
  return [
    shortId(task.taskArn),
    task.taskDefinition,
    task.startedAt ?? "-",
    task.address ?? "-",
    verdictWithEvidence(task),
    probe,
    task.reason,
  ];
}

function summaryLine(report: RunReport, style: Style): string {
  const { totals } = report;
  const notConverged = report.services.filter((service) => service.verdict !== "converged");
  const gaps = report.gaps ?? [];
  if (report.services.length === 0 && !foundNoConsumers(report))
    return style.red(
      `NOT VERIFIED: ${plural(gaps.length, "gap")} (above) hid the consumers of ${report.secretName}.`,
    );
  if (report.services.length === 0) {
    return style.yellow(
      `NO CONSUMERS: no ECS service or task in the searched clusters of ${regionOf(report.secretArn)} reads ${report.secretName}. A typo in --secret-id, --cluster or --service looks like this: check them and --region/--profile (exit 4).`,
    );
  }
  if (notConverged.length === 0 && report.securityFindings.length === 0 && gaps.length > 0) {
    return style.yellow(
      `INCOMPLETE: every service seen holds version ${report.versionId}, but ${plural(gaps.length, "gap")} (above) hide part of the fleet.`,
    );
  }
  if (notConverged.length === 0 && report.securityFindings.length === 0) {
    return style.green(
      `ALL CURRENT: ${plural(totals.tasks, "task")} in ${plural(totals.services, "service")} hold version ${report.versionId}.`,
    );
  }
  const counts = Object.entries(totals.byServiceVerdict)
    .filter(([verdict, count]) => verdict !== "converged" && count > 0)
    .map(([verdict, count]) => `${count} ${verdict}`);
  const findings =
    report.securityFindings.length > 0 ? [`${report.securityFindings.length} security findings`] : [];
  const gapCount = gaps.length > 0 ? [plural(gaps.length, "gap")] : [];
  const stale = `${totals.byTaskVerdict.stale ?? 0} stale of ${totals.tasks} tasks`;
  return style.red(`NOT CONVERGED: ${[...counts, ...findings, ...gapCount].join(", ")} (${stale}).`);
}

/**
 * One gap. A cluster's gap names the cluster once. A cluster that does not exist is, in a run the CLI
 * made, most likely a mistyped `--cluster`: the advice about the function's `clusters` setting is
 * for the function's own runs (`report`).
 */
function gapLine(gap: ReportGap, logged: boolean): string {
  const where =
    gap.cluster === null || gap.cluster === gap.resource || gap.resource.endsWith(`/${gap.cluster}`)
      ? gap.resource
      : `${gap.cluster}/${gap.resource}`;
  const detail =
    !logged && gap.scope === "cluster" && gap.errorCode === "ClusterNotFoundException"
      ? `no cluster ${shortId(gap.resource)} in ${gap.resource.startsWith("arn:") ? regionOf(gap.resource) : "this region"}: check --cluster (a typo looks like this; list them with \`aws ecs list-clusters\`).`
      : gap.detail;
  return `GAP ${gap.scope} ${where}: ${gap.operation} ${gap.errorCode}: ${detail}`;
}

function regionOf(arn: string): string {
  return arn.split(":")[3] || "this region";
}

function shortId(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * How the VERDICT column names each evidence kind. `probe` is left out: the PROBE column beside it
 * shows the verifier probe's answer. So are the kinds a verdict implies (`task-status` for
 * `pending`, `task-definition` for `pinned` and `unaffected`, `none` for `unknown` and
 * `unreachable`), unless the task's verdict is another one.
 */
const evidenceLabels: Readonly<Record<string, string>> = {
  "accepts-any-token": "accepts any token",
  jwks: "jwks",
  "issuer-probe": "issuer",
  "log-fingerprint": "log-fingerprint",
  timestamps: "timestamps",
  "version-id": "version-id",
  "task-definition": "task-definition",
  "task-status": "task-status",
  none: "no evidence",
};

const impliedEvidence: Readonly<Record<string, string>> = {
  pending: "task-status",
  pinned: "task-definition",
  unaffected: "task-definition",
  unknown: "none",
  unreachable: "none",
};

/**
 * The verdict, with what it rests on when the PROBE column does not show it (`stale (jwks)`,
 * `current (log-fingerprint)`, `stale (timestamps)`), and `runtime fetch` for a task that reads the
 * secret at run time through a cache (`refreshing (runtime fetch)`): its TTL, not its start time,
 * decides whether it must be forced.
 */
export function verdictWithEvidence(task: TaskReport): string {
  const labels: string[] = [];
  const evidence = task.evidence;
  if (evidence !== undefined && evidence !== impliedEvidence[task.verdict]) {
    const label = evidenceLabels[evidence];
    if (label !== undefined) labels.push(label);
  }
  if (task.probe.secret?.chosenBy === "runtime-fetch") labels.push("runtime fetch");
  return labels.length === 0 ? task.verdict : `${task.verdict} (${labels.join(", ")})`;
}
