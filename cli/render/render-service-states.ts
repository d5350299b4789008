import type { RunReport, ServiceReport } from "../../lambda/core/report/report.js";
import type { Style } from "./style.js";

/** The last state printed per service, so `--wait` prints a service only when its state changes. */
export type ServiceStates = Map<string, string>;

/**
 * One line per service whose state (verdict, task counts, reason) differs from `previous`; updates
 * `previous`. For `verify --wait`: the operator sees a deployment move from WAIT to CONVERGED or
 * FAILED without reading the whole report each poll.
 */
export function renderStateChanges(
  report: RunReport,
  previous: ServiceStates,
  at: Date,
  style: Style,
): string[] {
  const lines: string[] = [];
  for (const service of report.services) {
    const key = `${service.cluster}/${service.service}`;
    const state = describeState(service);
    if (previous.get(key) === state) continue;
    previous.set(key, state);
    const verdict = service.verdict.toUpperCase();
    const painted =
      service.verdict === "converged"
        ? style.green(verdict)
        : service.verdict === "wait"
          ? style.yellow(verdict)
          : style.red(verdict);
    lines.push(
      `${at.toISOString().slice(11, 19)}  ${key}  ${painted}  ${state.slice(service.verdict.length + 2)}`,
    );
  }
  return lines;
}

function describeState(service: ServiceReport): string {
  const counts = new Map<string, number>();
  for (const task of service.tasks) counts.set(task.verdict, (counts.get(task.verdict) ?? 0) + 1);
  const current = counts.get("current") ?? 0;
  const others = [...counts]
    .filter(([verdict]) => verdict !== "current")
    .map(([verdict, n]) => `${n} ${verdict}`);
  const tasks = `${current}/${service.tasks.length} tasks current${others.length > 0 ? ` (${others.join(", ")})` : ""}`;
  return `${service.verdict}  ${tasks}  ${service.reason}`;
}
