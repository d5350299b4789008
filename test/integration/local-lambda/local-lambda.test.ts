import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LocalLambda } from "../../../fleet/lambda/local-lambda.js";

const bundlePath = resolve("test/fixtures/lambda/echo-handler.mjs");
const started: LocalLambda[] = [];

function startLambda(overrides: Partial<ConstructorParameters<typeof LocalLambda>[0]> = {}) {
  const logFile = join(mkdtempSync(join(tmpdir(), "local-lambda-")), "function.log");
  const lambda = new LocalLambda({ bundlePath, logFile, retryDelaysMs: [10, 20], ...overrides });
  started.push(lambda);
  return { lambda, logFile };
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((lambda) => lambda.stop()));
});

describe("LocalLambda", () => {
  it("runs the bundle in its own process with only the function's environment and a Lambda context", async () => {
    const { lambda } = startLambda({ env: { AWS_ENDPOINT_URL: "http://127.0.0.1:1" }, timeoutMs: 5_000 });
    const record = await lambda.invoke({ hello: "world" });
    expect(record.ok).toBe(true);
    expect(record.result).toMatchObject({
      echo: { hello: "world" },
      functionName: "rollout-verifier",
      endpoint: "http://127.0.0.1:1",
      inheritedHome: null,
    });
    const remainingMs = (record.result as { remainingMs: number }).remainingMs;
    expect(remainingMs).toBeGreaterThan(0);
    expect(remainingMs).toBeLessThanOrEqual(5_000);
  });

  it("writes nothing after stop, so its log folder can go while the function was still writing", async () => {
    const { lambda, logFile } = startLambda();
    const record = await lambda.invoke({ keepWriting: true });
    expect(record.ok).toBe(true);
    await lambda.stop();
    const folder = dirname(logFile);
    rmSync(folder, { recursive: true, force: true });
    // A chunk delivered now would recreate nothing and must not throw (an uncaught error fails the run).
    await new Promise((resolve) => setImmediate(resolve));
    expect(existsSync(folder)).toBe(false);
  });

  it("keeps every log line whole while stdout and stderr write at once", async () => {
    const { lambda, logFile } = startLambda();
    const record = await lambda.invoke({ longLines: 20 });
    expect(record.ok).toBe(true);
    const records = readFileSync(logFile, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("{"));
    const parsed = records.map((line) => JSON.parse(line) as { line?: number; warn?: number });
    expect(parsed.filter((entry) => entry.line !== undefined)).toHaveLength(20);
    expect(parsed.filter((entry) => entry.warn !== undefined)).toHaveLength(20);
  });

  it("keeps the execution environment warm between invocations", async () => {
    const { lambda } = startLambda();
    await lambda.invoke({});
    const second = await lambda.invoke({});
    expect((second.result as { invocations: number }).invocations).toBe(2);
  });

  it("writes the handler's output between START, END and REPORT lines in the log file", async () => {
    const { lambda, logFile } = startLambda();
    const record = await lambda.invoke({});
    const log = readFileSync(logFile, "utf8");
    const id = record.requestId;
    expect(log).toContain(`START RequestId: ${id} Version: $LATEST`);
    expect(log).toMatch(new RegExp(`"message":"echo handler invoked","requestId":"${id}"`));
    expect(log).toContain(`END RequestId: ${id}`);
    expect(log).toMatch(
      new RegExp(`REPORT RequestId: ${id}\\tDuration: [\\d.]+ ms.*Max Memory Used: \\d+ MB\\tInit Duration`),
    );
  });

  it("retries a failed asynchronous invocation twice, as Lambda does, then gives up", async () => {
    const { lambda } = startLambda();
    lambda.invokeAsync({ fail: true });
    await lambda.idle();
    expect(lambda.invocations.map((record) => [record.attempt, record.ok, record.errorType])).toEqual([
      [1, false, "TypeError"],
      [2, false, "TypeError"],
      [3, false, "TypeError"],
    ]);
  });

  it("runs queued asynchronous invocations one at a time, in order", async () => {
    const { lambda } = startLambda();
    lambda.invokeAsync({ n: 1, sleepMs: 50 });
    lambda.invokeAsync({ n: 2 });
    await lambda.idle();
    expect(lambda.invocations.map((record) => (record.event as { n: number }).n)).toEqual([1, 2]);
    expect(lambda.invocations.every((record) => record.ok)).toBe(true);
  });

  it("kills a timed-out invocation and cold-starts a fresh environment for the next one", async () => {
    const { lambda, logFile } = startLambda({ timeoutMs: 300 });
    const timedOut = await lambda.invoke({ sleepMs: 5_000 });
    expect(timedOut).toMatchObject({ ok: false, errorType: "Sandbox.Timedout" });
    const next = await lambda.invoke({});
    expect(next.ok).toBe(true);
    expect((next.result as { invocations: number }).invocations).toBe(1);
    expect(readFileSync(logFile, "utf8")).toContain("Task timed out after 0.30 seconds");
  });
});
