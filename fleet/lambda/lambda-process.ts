import { type ChildProcess, fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const workerPath = resolve(dirname(fileURLToPath(import.meta.url)), "lambda-worker.mjs");

/** How one invocation ended, as the Lambda service would record it. */
export interface InvocationOutcome {
  readonly requestId: string;
  readonly ok: boolean;
  readonly result?: unknown;
  readonly errorType?: string;
  readonly errorMessage?: string;
  readonly durationMs: number;
  readonly maxMemoryMB: number;
}

export interface LambdaProcessOptions {
  readonly bundlePath: string;
  readonly logFile: string;
  /** The function's environment; the process inherits nothing else but PATH. */
  readonly env: Readonly<Record<string, string>>;
  readonly functionName: string;
  readonly timeoutMs: number;
  readonly memoryLimitInMB: number;
}

/**
 * One warm execution environment: a child `node` process holding the imported bundle. A timeout
 * kills it (as Lambda does), and the next invocation gets a fresh one with a new cold start.
 */
export class LambdaProcess {
  readonly #options: LambdaProcessOptions;
  #child: ChildProcess | undefined;
  /** Request ids whose REPORT line reached the log; a result is delivered only after it. */
  readonly #reportWaiters = new Map<string, () => void>();
  readonly #reported = new Set<string>();
  #partialLine = "";
  #ready: Promise<void> | undefined;
  /** Set by `stop()`: output that arrives later is dropped, since its log file may be gone. */
  #stopped = false;

  constructor(options: LambdaProcessOptions) {
    this.#options = options;
    mkdirSync(dirname(options.logFile), { recursive: true });
  }

  /** Runs one invocation to its end; never throws for a function error or a timeout. */
  async invoke(event: unknown): Promise<InvocationOutcome> {
    const requestId = randomUUID();
    const child = await this.#start();
    const started = performance.now();
    return new Promise<InvocationOutcome>((resolveOutcome) => {
      const timer = setTimeout(() => {
        child.off("message", onMessage);
        const seconds = (this.#options.timeoutMs / 1000).toFixed(2);
        this.#appendLog(`${new Date().toISOString()} ${requestId} Task timed out after ${seconds} seconds\n`);
        this.#kill();
        resolveOutcome({
          requestId,
          ok: false,
          errorType: "Sandbox.Timedout",
          errorMessage: `Task timed out after ${seconds} seconds`,
          durationMs: performance.now() - started,
          maxMemoryMB: 0,
        });
      }, this.#options.timeoutMs);
      const onMessage = (message: InvocationOutcome & { type?: string }): void => {
        if (message.type !== "result" || message.requestId !== requestId) return;
        clearTimeout(timer);
        child.off("message", onMessage);
        const { type: _type, ...outcome } = message;
        this.#whenReported(requestId).then(() => resolveOutcome(outcome));
      };
      child.on("message", onMessage);
      child.send({
        type: "invoke",
        requestId,
        event,
        deadline: Date.now() + this.#options.timeoutMs,
        functionName: this.#options.functionName,
        memoryLimitInMB: this.#options.memoryLimitInMB,
      });
    });
  }

  /**
   * Ends the execution environment and resolves once its output streams have closed, so nothing is
   * written to the log after this returns: a caller may then remove the log's folder.
   */
  async stop(): Promise<void> {
    const child = this.#child;
    this.#kill();
    if (child && child.exitCode === null && child.signalCode === null)
      await new Promise<void>((closed) => child.once("close", () => closed()));
    this.#stopped = true;
  }

  /**
   * Appends synchronously, so whoever has a result can read its log lines at once. After `stop()`
   * a late chunk is dropped; a log that cannot be written (its folder removed under a running
   * function) is reported once on this process's stderr instead of crashing it.
   */
  #appendLog(text: string | Buffer): void {
    if (this.#stopped) return;
    try {
      appendFileSync(this.#options.logFile, text);
    } catch (error) {
      if (this.#logUnwritable) return;
      this.#logUnwritable = true;
      const code = (error as { code?: unknown }).code ?? "unknown";
      process.stderr.write(
        `local Lambda: cannot write ${this.#options.logFile} (${String(code)}); output dropped\n`,
      );
    }
  }

  #logUnwritable = false;

  #onOutput(chunk: Buffer): void {
    const lines = (this.#partialLine + chunk.toString("utf8")).split("\n");
    this.#partialLine = lines.pop() ?? "";
    if (lines.length > 0) this.#appendLog(`${lines.join("\n")}\n`);
    for (const line of lines) {
      const id = /^REPORT RequestId: (\S+)/.exec(line)?.[1];
      if (!id) continue;
      this.#reported.add(id);
      this.#reportWaiters.get(id)?.();
    }
  }

  /**
   * stderr (Powertools writes WARN and ERROR records there) is appended by whole lines too: a
   * chunk of a long stdout line and a stderr line never interleave mid-line in the log, as
   * CloudWatch keeps each line whole.
   */
  #onErrorOutput(chunk: Buffer): void {
    const text = this.#partialErrorLine + chunk.toString("utf8");
    const end = text.lastIndexOf("\n");
    this.#partialErrorLine = text.slice(end + 1);
    if (end >= 0) this.#appendLog(text.slice(0, end + 1));
  }

  #partialErrorLine = "";

  /** What is left of an unfinished line on either stream, once the process has ended. */
  #flushPartialLines(): void {
    const rest = [this.#partialLine, this.#partialErrorLine].filter((line) => line.length > 0);
    this.#partialLine = "";
    this.#partialErrorLine = "";
    for (const line of rest) this.#appendLog(`${line}\n`);
  }

  #whenReported(requestId: string): Promise<void> {
    return new Promise((done) => {
      const finish = (): void => {
        this.#reported.delete(requestId);
        this.#reportWaiters.delete(requestId);
        done();
      };
      if (this.#reported.has(requestId)) finish();
      else this.#reportWaiters.set(requestId, finish);
    });
  }

  #start(): Promise<ChildProcess> {
    if (this.#child && this.#ready) return this.#ready.then(() => this.#child as ChildProcess);
    const child = fork(workerPath, [this.#options.bundlePath], {
      env: { PATH: process.env.PATH ?? "", ...this.#options.env },
      // Bare `node`, as Lambda runs the bundle: no loader flags inherited from tsx or vitest.
      execArgv: [],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "advanced",
    });
    child.stdout?.on("data", (chunk: Buffer) => this.#onOutput(chunk));
    child.stderr?.on("data", (chunk: Buffer) => this.#onErrorOutput(chunk));
    child.once("close", () => this.#flushPartialLines());
    this.#child = child;
    this.#ready = new Promise<void>((ready, fail) => {
      const onMessage = (message: { type?: string; errorMessage?: string }): void => {
        if (message.type === "ready") ready();
        if (message.type === "init-error") fail(new Error(`Lambda init failed: ${message.errorMessage}`));
      };
      child.on("message", onMessage);
      child.once("exit", (code) => {
        fail(new Error(`Lambda runtime exited during init with code ${code}; see ${this.#options.logFile}`));
        if (this.#child === child) this.#child = undefined;
      });
    });
    return this.#ready.then(() => child);
  }

  #kill(): void {
    this.#child?.kill("SIGKILL");
    this.#child = undefined;
    this.#ready = undefined;
  }
}
