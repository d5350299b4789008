/**
 * Decides, task by task, whether a task's security probes run right after its verdict probes, on
 * the same connection, or wait for the security pass that follows every task's verdict probes.
 *
 * Why: the verdicts rest on the AWSCURRENT and control probes, so when the budget is short they
 * must all come first; but a second pass reopens a connection per task (one is never held open
 * across the whole fleet: Lambda allows 1,024 descriptors), which costs CPU. So a task goes inline
 * only while what is left of the probing budget covers its own security probes at the full timeout
 * plus every other unfinished task (in flight or still to start), each projected at twice the
 * average verdict time seen so far (as if each of them went inline too). Once one task had to wait, every
 * later one waits too, so that a short budget's security probes are a sample across services (the
 * security pass takes one task of each service in turn), not the last tasks probed. Without a
 * budget, every task goes inline.
 */
export interface SecurityPacing {
  /** A task's verdict probes took `elapsedMs`. */
  finished(elapsedMs: number): void;
  /** Whether the task that just finished its verdict probes may send its security probes now. */
  inlineNow(securityNeedMs: number): boolean;
}

export function createSecurityPacing(options: {
  readonly tasks: number;
  readonly concurrency: number;
  /** What is left of the probing budget; `Infinity` when there is none. */
  readonly timeLeftMs: () => number;
}): SecurityPacing {
  let finished = 0;
  let totalMs = 0;
  let deferring = false;
  return {
    finished(elapsedMs) {
      finished += 1;
      totalMs += elapsedMs;
    },
    inlineNow(securityNeedMs) {
      if (deferring) return false;
      const left = options.timeLeftMs();
      if (left === Number.POSITIVE_INFINITY) return true;
      const averageMs = finished === 0 ? 0 : totalMs / finished;
      const unfinished = Math.max(0, options.tasks - finished);
      const rounds = Math.ceil(unfinished / Math.max(1, options.concurrency));
      deferring = left < securityNeedMs + rounds * 2 * averageMs;
      return !deferring;
    },
  };
}
