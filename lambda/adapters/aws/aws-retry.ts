/**
 * Which failures a call may repeat. `transient` (reads): throttling, 5xx, timeouts and broken
 * connections. `throttling` (writes that must not run twice, such as UpdateService): only an
 * explicit throttling answer, which proves the service rejected the request before applying it.
 */
export type RetryMode = "transient" | "throttling";

/** Timing of attempts and backoff. */
export interface AwsRetryPolicy {
  /** Longest wait for one attempt's answer. */
  readonly attemptTimeoutMs: number;
  /**
   * Attempts per call under throttling, the first included, when the run has no time budget (a CLI
   * run without `--timeout`). With a budget, throttling is waited out for as long as the budget
   * allows (see `reserveShare`): during an incident most calls are throttled, and a small attempt
   * count would turn a drained bucket into gaps in the report.
   */
  readonly maxAttempts: number;
  /** Attempts per call after a 5xx, a timeout or a broken connection: a failing service rarely recovers within a run. */
  readonly maxTransientAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** An attempt is not started with less than this left of the run. */
  readonly minAttemptMs: number;
  /**
   * Share of the run's budget kept for the stages after discovery (probing, acting): a read started
   * before the run entered it does not retry into it; a read started inside it (the re-read just
   * before UpdateService) and a write (UpdateService, the last stage) retry up to the budget's end,
   * which already leaves the time to report (`runBudgetMs`).
   */
  readonly reserveShare: number;
}

/** Error names AWS services use for "slow down" (ECS, Secrets Manager, EC2, STS). */
const throttlingNames: ReadonlySet<string> = new Set([
  "ThrottlingException",
  "ThrottledException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
]);

/** Socket-level failures: the request may not have been answered, nothing says it was refused. */
const connectionCodes: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
]);

/** Whether `cause` may be retried in `mode`, and whether it was throttling (which slows every call). */
export function isRetryable(cause: unknown, mode: RetryMode): "throttled" | "transient" | "no" {
  if (!(cause instanceof Error)) return "no";
  const status = (cause as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (throttlingNames.has(cause.name) || status === 429) return "throttled";
  if (mode === "throttling") return "no";
  if ((cause as { $fault?: string }).$fault === "server" || (status !== undefined && status >= 500))
    return "transient";
  if (cause.name === "CallTimeout" || cause.name === "TimeoutError") return "transient";
  const code = (cause as { code?: unknown }).code;
  if (typeof code === "string" && connectionCodes.has(code)) return "transient";
  return "no";
}

/**
 * Full-jitter exponential backoff. `pressure` (recent throttling across calls) raises the base, so
 * that when the account's shared ECS buckets are drained every call slows down, not just the one
 * that was throttled.
 */
export function nextDelayMs(
  policy: AwsRetryPolicy,
  attempt: number,
  pressure: number,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1 + pressure / 2));
  return Math.round(ceiling * (0.5 + random() / 2));
}
