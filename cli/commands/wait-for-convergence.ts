import type { RunReport } from "../../lambda/core/report/report.js";
import { judgeRun, movingServices } from "./judge-run.js";

/**
 * How a wait ended: every service converged; nothing left can move by itself (`settled`: what is
 * not converged needs an operator); nothing reads the secret; or the deadline passed while a
 * deployment was still rolling.
 */
export type WaitOutcome = "converged" | "settled" | "no-consumers" | "timed-out";

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
 * `verify --wait`: polls while something can still move by itself (a deployment rolling, one this
 * command just forced), like `aws ecs wait services-stable` but judged by the secret the tasks hold.
 * A blocked or failed service does not stop the wait: the others are followed to their end, and what
 * cannot move is listed after. Starts from the first run's report; every poll is a read-only run.
 */
export async function waitForConvergence(
  first: RunReport,
  context: WaitContext,
): Promise<{ readonly report: RunReport; readonly outcome: WaitOutcome; readonly polls: number }> {
  let report = first;
  let polls = 0;
  context.onReport(report);
  for (;;) {
    const state = judgeRun(report);
    if (state === "converged" || state === "no-consumers") return { report, outcome: state, polls };
    if (movingServices(report).length === 0) return { report, outcome: "settled", polls };
    const remaining = context.deadline.getTime() - context.now().getTime();
    if (remaining <= 0) return { report, outcome: "timed-out", polls };
    await context.sleep(Math.min(context.intervalMs, remaining));
    report = await context.poll();
    polls += 1;
    context.onReport(report);
  }
}
