import type { RunReport } from "../../lambda/core/report/report.js";
import { judgeRun } from "./judge-run.js";

/** How a wait ended. */
export type WaitOutcome = "converged" | "failed" | "no-consumers" | "timed-out";

/** What the wait loop needs: the next read-only run, time, and a listener for each report. */
export interface WaitContext {
  readonly poll: () => Promise<RunReport>;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly deadline: Date;
  readonly intervalMs: number;
  readonly onReport: (report: RunReport) => void;
}

/**
 * `verify --wait`: polls until every service converged, something failed that waiting will not fix,
 * or the deadline passed, like `aws ecs wait services-stable` but judged by the secret the tasks
 * hold. Starts from the first run's report; every poll is a fresh read-only run.
 */
export async function waitForConvergence(
  first: RunReport,
  context: WaitContext,
): Promise<{ readonly report: RunReport; readonly outcome: WaitOutcome }> {
  let report = first;
  context.onReport(report);
  for (;;) {
    const state = judgeRun(report);
    if (state !== "pending") return { report, outcome: state };
    const remaining = context.deadline.getTime() - context.now().getTime();
    if (remaining <= 0) return { report, outcome: "timed-out" };
    await context.sleep(Math.min(context.intervalMs, remaining));
    report = await context.poll();
    context.onReport(report);
  }
}
