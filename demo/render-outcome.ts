import { readFileSync } from "node:fs";
import type { Style } from "../cli/render/style.js";
import type { RunReport } from "../lambda/core/report/report.js";
import type { Convergence } from "./check-convergence.js";

export interface DemoOutcome {
  readonly reports: readonly RunReport[];
  readonly convergence: Convergence;
  readonly cutover: Date;
  readonly files: { readonly report: string; readonly log: string; readonly events: string };
}

/** The closing summary: converged or not, how fast, what was done, and where to read more. */
export function renderOutcome(outcome: DemoOutcome, style: Style): string {
  const { convergence, reports } = outcome;
  const tasks = convergence.services.reduce((sum, service) => sum + service.tasks, 0);
  const onNew = convergence.services.reduce((sum, service) => sum + service.onNewKey, 0);
  const verdict = convergence.converged
    ? style.green(`converged: ${onNew}/${tasks} tasks hold the new key`)
    : style.red(`NOT converged: ${onNew}/${tasks} tasks hold the new key`);
  const services = reports.flatMap((report) => report.services);
  const forced = [...new Set(services.filter((s) => s.action === "forced-deployment").map((s) => s.service))];
  const leftAlone = [...new Set(services.map((s) => s.service))]
    .filter((name) => !forced.includes(name))
    .map(
      (name) =>
        `${name} (when first checked: ${services.find((s) => s.service === name)?.reason ?? "no report"})`,
    );
  const lines = [`      ${verdict}`];
  for (const service of convergence.services) {
    lines.push(
      `        ${service.service.padEnd(13)} ${service.onNewKey}/${service.tasks} ${service.evidence}`,
    );
  }
  const convergedAt = lastConvergence(reports);
  if (convergedAt !== undefined) {
    const seconds = ((convergedAt - outcome.cutover.getTime()) / 1000).toFixed(1);
    lines.push(`      cut-over to verified convergence: ${seconds} s`);
  }
  lines.push(
    `      forced deployments: ${forced.length === 0 ? "none" : forced.join(", ")} (one each, whatever the number of events)`,
  );
  lines.push(`      never forced: ${leftAlone.length === 0 ? "none" : leftAlone.join("; ")}`);
  lines.push(`      verifier runs: ${reports.length} reports`);
  lines.push("");
  lines.push(`      report  ${outcome.files.report}  (every RunReport the Lambda returned)`);
  lines.push(
    `      logs    ${outcome.files.log}  (stands in for CloudWatch Logs: ${emfSummary(outcome.files.log)})`,
  );
  lines.push(`      events  ${outcome.files.events}  (every EventBridge event the fleet emitted)`);
  return `${lines.join("\n")}\n`;
}

/** When the latest report of every service said `converged`: the moment the verifier proved it. */
function lastConvergence(reports: readonly RunReport[]): number | undefined {
  const latest = new Map<string, { verdict: string; at: number }>();
  for (const report of reports) {
    for (const service of report.services) {
      latest.set(service.service, { verdict: service.verdict, at: Date.parse(report.finishedAt) });
    }
  }
  const entries = [...latest.values()];
  if (entries.length === 0 || entries.some((entry) => entry.verdict !== "converged")) return undefined;
  return Math.max(...entries.map((entry) => entry.at));
}

function emfSummary(logFile: string): string {
  const records = readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => line.includes('"_aws"'));
  return `${records.length} EMF metric records`;
}
