import type { Clock, ProbePort, ProbeRequest } from "../ports.js";
import { ProbeStatus } from "../report/report.js";

/** A probe port held to a time budget, and how many probes it declined. */
export interface BudgetedProbes {
  readonly probe: ProbePort;
  /** Probe requests not sent because the budget was spent. */
  declined(): number;
  /**
   * Whether a task may still get its security probes, which take up to `neededMs`: only while that
   * much of the probing budget is left, so none is cut half-way. Asked in the security pass, after
   * every task's AWSCURRENT probe, so it only ever spends what those left over.
   */
  securityProbesAllowed(neededMs: number): boolean;
  /** Tasks whose security probes were skipped to save time. */
  securitySkipped(): number;
  /** What is left of the probing budget, in ms; `Infinity` without one. */
  timeLeftMs(): number;
}

/** How the detail of a probe the budget declined starts: the run did not reach the task. */
export const PROBE_BUDGET_SPENT = "not probed: the run's time budget for probes ran out";

/** Below this, a probe cannot get an answer in time: it is not sent. */
const MIN_PROBE_MS = 50;

/**
 * Wraps the probe port so that probing ends by `until`: each request's timeout is cut to the time
 * left, and once too little is left no request is sent and the task's probe is `skipped` with the
 * reason. Work the run did not reach is reported, never silently dropped.
 */
export function budgetProbes(port: ProbePort, clock: Clock, until: Date | undefined): BudgetedProbes {
  let declined = 0;
  let securitySkipped = 0;
  const counts = { declined: () => declined, securitySkipped: () => securitySkipped };
  if (until === undefined)
    return {
      probe: port,
      ...counts,
      securityProbesAllowed: () => true,
      timeLeftMs: () => Number.POSITIVE_INFINITY,
    };
  const timeLeftMs = () => until.getTime() - clock.now().getTime();
  const securityProbesAllowed = (neededMs: number) => {
    if (until.getTime() - clock.now().getTime() >= neededMs) return true;
    securitySkipped += 1;
    return false;
  };
  const probe = (request: ProbeRequest): ReturnType<ProbePort["probe"]> => {
    const left = until.getTime() - clock.now().getTime();
    if (left < MIN_PROBE_MS) {
      declined += 1;
      return Promise.resolve({
        status: ProbeStatus.Skipped,
        detail: PROBE_BUDGET_SPENT,
      });
    }
    return port.probe({ ...request, timeoutMs: Math.min(request.timeoutMs, left) });
  };
  const release = port.release?.bind(port);
  return {
    probe: { probe, ...(release ? { release } : {}) },
    ...counts,
    securityProbesAllowed,
    timeLeftMs,
  };
}

/**
 * When probing must end: early enough to leave time to act (UpdateService, re-reads) and report.
 * A fifth of what is left when probing starts is kept back, at least 1 s and at most 20 s.
 */
export function probeDeadline(clock: Clock, deadline: Date | undefined): Date | undefined {
  if (deadline === undefined) return undefined;
  const now = clock.now().getTime();
  const left = deadline.getTime() - now;
  const reserve = Math.min(20_000, Math.max(1_000, left / 5));
  return new Date(now + Math.max(0, left - reserve));
}

/** True once the run's deadline has passed: no new AWS work is started. */
export function pastDeadline(clock: Clock, deadline: Date | undefined): boolean {
  return deadline !== undefined && clock.now().getTime() >= deadline.getTime();
}
