/**
 * The run's time budget as the adapters see it: how long is left before the run must be reporting.
 * Module-scope adapters share one; the handler sets it at the start of every invocation from
 * `context.getRemainingTimeInMillis()`, the CLI from `--timeout`.
 */
export interface RunDeadline {
  /** Milliseconds left; `Infinity` when the run has no budget. */
  remainingMs(): number;
  /**
   * The whole budget as it was set; `Infinity` when the run has none. Calls size what they keep back
   * for the run's later stages from it. @default Infinity
   */
  budgetMs?(): number;
}

/** A deadline that can be moved: one per process, set per invocation. */
export interface SettableDeadline extends RunDeadline {
  /** Starts a budget of `budgetMs` from now; `undefined` removes the budget. */
  set(budgetMs: number | undefined): void;
  /** The epoch millisecond the budget ends, or undefined. */
  endsAt(): number | undefined;
}

/** No budget: calls are bounded by their own attempt timeouts only. */
export const unboundedDeadline: RunDeadline = {
  remainingMs: () => Number.POSITIVE_INFINITY,
  budgetMs: () => Number.POSITIVE_INFINITY,
};

/** A settable deadline read from `now` (injectable for tests). */
export function createRunDeadline(now: () => number = Date.now): SettableDeadline {
  let end: number | undefined;
  let budget = Number.POSITIVE_INFINITY;
  return {
    remainingMs: () => (end === undefined ? Number.POSITIVE_INFINITY : end - now()),
    budgetMs: () => budget,
    set(budgetMs) {
      end = budgetMs === undefined ? undefined : now() + budgetMs;
      budget = budgetMs ?? Number.POSITIVE_INFINITY;
    },
    endsAt: () => end,
  };
}

/**
 * A fixed deadline (the CLI's `--timeout`): the budget is what was left when it was made, so a
 * throttled read keeps the same share of it for the later stages as in the Lambda.
 */
export function deadlineAt(end: Date | undefined, now: () => number = Date.now): RunDeadline {
  if (end === undefined) return unboundedDeadline;
  const budget = Math.max(0, end.getTime() - now());
  return { remainingMs: () => end.getTime() - now(), budgetMs: () => budget };
}
