import { AwsCallError } from "../errors.js";
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
 * 10 s per attempt; 8 attempts under throttling, 3 after other transient failures; backoff from
 * 100 ms doubling to at most 5 s, jittered.
 */
export const defaultRetryPolicy: AwsRetryPolicy = {
  attemptTimeoutMs: 10_000,
  maxAttempts: 8,
  maxTransientAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
  minAttemptMs: 250,
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
        const budgetLeft = deadline.remainingMs() - delay >= policy.minAttemptMs;
        const limit = retry === "throttled" ? policy.maxAttempts : policy.maxTransientAttempts;
        if (retry === "no" || attempt >= Math.min(limit, policy.maxAttempts) || !budgetLeft)
          throw new AwsCallError(operation, resource, cause);
        await sleep(delay);
      }
    }
  };
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

/**
 * Drains a `nextToken` paginated API. Written out rather than using the SDK paginators so that
 * every request (and its page size) is explicit and visible to the client mock in tests.
 */
export async function collectPages<T>(
  fetchPage: (nextToken: string | undefined) => Promise<{ items?: readonly T[]; nextToken?: string }>,
  operation: string,
  resource: string,
): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    if (++pages > MAX_PAGES)
      throw new AwsCallError(
        operation,
        resource,
        new RangeError(`more than ${MAX_PAGES} pages: refusing to page forever`),
      );
    const page = await fetchPage(nextToken);
    items.push(...(page.items ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined && nextToken !== "");
  return items;
}

/** 1,000 pages of 100 is 100,000 services or tasks in one cluster: far past ECS quotas, so a loop. */
const MAX_PAGES = 1000;

/** A field the API documents as always present, checked rather than assumed. */
export function required<T>(
  value: T | undefined | null,
  field: string,
  operation: string,
  resource: string,
): T {
  if (value === undefined || value === null)
    throw new AwsCallError(operation, resource, new Error(`response lacks ${field}`));
  return value;
}
