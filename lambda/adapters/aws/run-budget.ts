/**
 * How much of an invocation's remaining time the run may spend before it must be reporting: the
 * rest is kept to finish the report, log it and publish metrics even when calls hang or throttle.
 * A tenth of what is left, at least 2 s and at most 30 s (270 s of Lambda's 300 s default).
 */
export function runBudgetMs(remainingMs: number | undefined): number | undefined {
  if (remainingMs === undefined || !Number.isFinite(remainingMs)) return undefined;
  const reserve = Math.min(30_000, Math.max(2_000, remainingMs / 10));
  return Math.max(0, Math.floor(remainingMs - reserve));
}
