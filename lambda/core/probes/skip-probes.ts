import { ProbeStatus } from "../report/report.js";
import type { ProbeResults, ProbeTarget } from "./probe-tasks.js";

/** How the skip reason starts when no key could be read: a verdict then says "judged by timestamps only". */
export const PROBE_NO_SECRET_VALUE = "not probed: the secret's AWSCURRENT value could not be read";

/**
 * Every target skipped for one reason, with no finding: the run cannot sign a probe at all (the
 * secret's value could not be read), so every verdict rests on what ECS says.
 */
export function skipProbes(targets: readonly ProbeTarget[], detail: string): ProbeResults {
  return {
    byTask: new Map(targets.map((target) => [target.task.taskArn, { status: ProbeStatus.Skipped, detail }])),
    findings: [],
  };
}
