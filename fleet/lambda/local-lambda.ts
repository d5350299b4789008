import { type InvocationOutcome, LambdaProcess } from "./lambda-process.js";

/** One attempt at one event, as the local stand-in for Lambda recorded it. */
export interface InvocationRecord extends InvocationOutcome {
  /** The event delivered: for a queue-fed function, the message the queue carried (not the batch around it). */
  readonly event: unknown;
  /** 1 for the first attempt; asynchronous invocation retries a function error twice. */
  readonly attempt: number;
  readonly invocationType: "Event" | "RequestResponse";
}

export interface LocalLambdaOptions {
  /** The bundle the CDK stack deploys: `dist/handler.mjs`. */
  readonly bundlePath: string;
  /** Where the function's output goes: the stand-in for its CloudWatch log group. */
  readonly logFile: string;
  /** The function's environment variables (endpoint settings, region, verifier config). */
  readonly env?: Readonly<Record<string, string>>;
  /** @default "rollout-verifier" */
  readonly functionName?: string;
  /** @default 300_000 */
  readonly timeoutMs?: number;
  /** @default 512 */
  readonly memoryLimitInMB?: number;
  /** Delays before the retries of a failed asynchronous invocation. @default [60_000, 120_000] (Lambda's) */
  readonly retryDelaysMs?: readonly number[];
  /**
   * What the function receives for an asynchronous event: the event itself (EventBridge invoking the
   * function), or the batch a queue's event source mapping builds around it. @default the event
   */
  readonly toPayload?: (event: unknown, attempt: number) => unknown;
}

/**
 * A local stand-in for one Lambda function: asynchronous invocations are queued and run one at a
 * time (as the stack's FIFO run queue with one message group delivers them), a function error is
 * retried on the given schedule (the queue delivering the message again), and every attempt is
 * recorded.
 */
export class LocalLambda {
  readonly invocations: InvocationRecord[] = [];
  readonly #process: LambdaProcess;
  readonly #retryDelaysMs: readonly number[];
  readonly #toPayload: (event: unknown, attempt: number) => unknown;
  readonly #listeners = new Set<(record: InvocationRecord) => void>();
  #tail: Promise<void> = Promise.resolve();
  #pending = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(options: LocalLambdaOptions) {
    this.#retryDelaysMs = options.retryDelaysMs ?? [60_000, 120_000];
    this.#toPayload = options.toPayload ?? ((event) => event);
    this.#process = new LambdaProcess({
      bundlePath: options.bundlePath,
      logFile: options.logFile,
      functionName: options.functionName ?? "rollout-verifier",
      timeoutMs: options.timeoutMs ?? 300_000,
      memoryLimitInMB: options.memoryLimitInMB ?? 512,
      env: {
        AWS_REGION: "us-east-1",
        AWS_DEFAULT_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "local",
        AWS_SECRET_ACCESS_KEY: "local",
        AWS_LAMBDA_FUNCTION_NAME: options.functionName ?? "rollout-verifier",
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memoryLimitInMB ?? 512),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        ...options.env,
      },
    });
  }

  /** Queues an asynchronous (`Event`) invocation, as EventBridge makes them; returns at once. */
  invokeAsync(event: unknown): void {
    this.#pending += 1;
    this.#enqueue(event, 1);
  }

  /** A synchronous (`RequestResponse`) invocation: waits for the queue, runs once, no retries. */
  async invoke(event: unknown): Promise<InvocationRecord> {
    this.#pending += 1;
    let record: InvocationRecord | undefined;
    this.#tail = this.#tail.then(async () => {
      record = await this.#run(event, 1, "RequestResponse");
      this.#settle();
    });
    await this.#tail;
    return record as InvocationRecord;
  }

  /** Calls `listener` after every attempt; returns the unsubscribe function. */
  onInvocation(listener: (record: InvocationRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves once no invocation is queued, running, or waiting for a retry. */
  idle(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    await this.#tail;
    await this.#process.stop();
  }

  #enqueue(event: unknown, attempt: number): void {
    this.#tail = this.#tail.then(async () => {
      const record = await this.#run(event, attempt, "Event", this.#toPayload(event, attempt));
      const delay = this.#retryDelaysMs[attempt - 1];
      if (record.ok || delay === undefined) this.#settle();
      else setTimeout(() => this.#enqueue(event, attempt + 1), delay).unref();
    });
  }

  async #run(
    event: unknown,
    attempt: number,
    invocationType: InvocationRecord["invocationType"],
    payload: unknown = event,
  ) {
    const outcome = await this.#process.invoke(payload);
    const record: InvocationRecord = { ...outcome, event, attempt, invocationType };
    this.invocations.push(record);
    for (const listener of this.#listeners) listener(record);
    return record;
  }

  #settle(): void {
    this.#pending -= 1;
    if (this.#pending > 0) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}
