import { AwsCallError } from "../../errors.js";
import { type AwsRetryPolicy, isRetryable, nextDelayMs, type RetryMode } from "./aws-retry.js";
import { type RunDeadline, unboundedDeadline } from "./run-deadline.js";

/** Sends one SDK request; the signal aborts it (its per-attempt timeout or the run's deadline). */
export type SendAttempt<T> = (signal: AbortSignal) => Promise<T>;

/**
 * Runs one AWS call under the run's rules: one attempt at a time, each with its own timeout (never
 * longer than what is left of the run), retried with jittered, throttling-adaptive backoff while
 * the run's budget allows, then `AwsCallError` naming the operation, the resource and the last error.
 * The SDK clients themselves make a single attempt (see `createAwsClients`): every retry is decided
 * here, where the mode says which failures are safe to repeat.
 */
export type AwsCaller = <T>(
  operation: string,
  resource: string,
  send: SendAttempt<T>,
  mode?: RetryMode,
) => Promise<T>;

/** How calls are timed and retried. */
export interface AwsCallerOptions {
  /** @default run budget unbounded */
  readonly deadline?: RunDeadline;
  /** @default `defaultRetryPolicy` */
  readonly retry?: Partial<AwsRetryPolicy>;
  /** @default Math.random */
  readonly random?: () => number;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * 10 s per attempt; throttling retried while the run's budget allows (8 attempts without a budget),
 * 3 attempts after other transient failures; backoff from 100 ms doubling to at most 5 s, jittered;
 * a quarter of the run's budget kept for probing, acting and reporting.
 */
export const defaultRetryPolicy: AwsRetryPolicy = {
  attemptTimeoutMs: 10_000,
  maxAttempts: 8,
  maxTransientAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
  minAttemptMs: 250,
  reserveShare: 0.25,
};

/**
 * The caller the adapters share. Throttling raises a shared pressure level that lengthens every
 * call's backoff (the account's ECS buckets are shared too) and decays with each success.
 */
export function createAwsCaller(options: AwsCallerOptions = {}): AwsCaller {
  const policy = { ...defaultRetryPolicy, ...options.retry };
  const deadline = options.deadline ?? unboundedDeadline;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const pressure = { level: 0 };
  return async function callAws<T>(
    operation: string,
    resource: string,
    send: SendAttempt<T>,
    mode: RetryMode = "transient",
  ): Promise<T> {
    const keepMs =
      policy.minAttemptMs + (mode === "transient" ? reserveFor(deadline, policy.reserveShare) : 0);
    const throttleLimit = Number.isFinite(deadline.remainingMs())
      ? Number.POSITIVE_INFINITY
      : policy.maxAttempts;
    for (let attempt = 1; ; attempt++) {
      const remaining = deadline.remainingMs();
      if (remaining < policy.minAttemptMs)
        throw new AwsCallError(operation, resource, deadlineReached(remaining));
      try {
        const result = await attemptOnce(send, Math.min(policy.attemptTimeoutMs, remaining));
        pressure.level = Math.max(0, pressure.level - 1);
        return result;
      } catch (cause) {
        const retry = isRetryable(cause, mode);
        if (retry === "throttled") pressure.level = Math.min(4, pressure.level + 1);
        const delay = nextDelayMs(policy, attempt, pressure.level, random);
        const budgetLeft = deadline.remainingMs() - delay >= keepMs;
        const limit =
          retry === "throttled" ? throttleLimit : Math.min(policy.maxTransientAttempts, policy.maxAttempts);
        if (retry === "no" || attempt >= limit || !budgetLeft)
          throw new AwsCallError(operation, resource, cause);
        await sleep(delay);
      }
    }
  };
}

/**
 * What a call starting now keeps back from its retries: the reserved share of the budget while the
 * run is still before it, nothing once the run is inside it (that time is the late stages' own).
 */
function reserveFor(deadline: RunDeadline, share: number): number {
  const budget = deadline.budgetMs?.() ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(budget)) return 0;
  const reserve = budget * share;
  return deadline.remainingMs() > reserve ? reserve : 0;
}

async function attemptOnce<T>(send: SendAttempt<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await send(controller.signal);
  } catch (cause) {
    if (controller.signal.aborted) throw callTimeout(timeoutMs, cause);
    throw cause;
  } finally {
    clearTimeout(timer);
  }
}

/** An attempt that got no answer in time: the request may or may not have reached the service. */
function callTimeout(timeoutMs: number, cause: unknown): Error {
  const error = new Error(`no response within ${timeoutMs} ms`, { cause });
  error.name = "CallTimeout";
  return error;
}

function deadlineReached(remaining: number): Error {
  const error = new Error(`the run's time budget is spent (${Math.max(0, remaining)} ms left)`);
  error.name = "RunDeadlineReached";
  return error;
}
