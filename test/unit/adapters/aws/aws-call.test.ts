import { describe, expect, it } from "vitest";
import { createAwsCaller } from "../../../../lambda/adapters/aws/aws-call.js";
import { createRunDeadline, deadlineAt } from "../../../../lambda/adapters/aws/run-deadline.js";
import { ErrorCode } from "../../../../lambda/errors.js";

const awsError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} message`), { name, ...extra });

/** A send that fails with each given error in turn, then answers `ok`. */
function scripted(errors: readonly Error[]) {
  const attempts: AbortSignal[] = [];
  const send = async (signal: AbortSignal) => {
    attempts.push(signal);
    const error = errors[attempts.length - 1];
    if (error) throw error;
    return "ok";
  };
  return { send, attempts };
}

const noSleep = { sleep: async () => undefined };

describe("createAwsCaller", () => {
  it("retries throttling and server errors of a read until it succeeds", async () => {
    const { send, attempts } = scripted([
      awsError("ThrottlingException"),
      awsError("ServerException", { $fault: "server", $metadata: { httpStatusCode: 500 } }),
    ]);
    await expect(createAwsCaller(noSleep)("DescribeTasks", "c1", send)).resolves.toBe("ok");
    expect(attempts).toHaveLength(3);
  });

  it("does not retry a client error such as ClusterNotFoundException", async () => {
    const { send, attempts } = scripted([awsError("ClusterNotFoundException")]);
    await expect(createAwsCaller(noSleep)("ListServices", "gone", send)).rejects.toMatchObject({
      code: ErrorCode.awsCall,
      operation: "ListServices",
      awsErrorName: "ClusterNotFoundException",
    });
    expect(attempts).toHaveLength(1);
  });

  it("retries only an explicit throttle in throttling mode", async () => {
    const lost = scripted([awsError("ECONNRESET", { code: "ECONNRESET" })]);
    await expect(
      createAwsCaller(noSleep)("UpdateService", "c1/a", lost.send, "throttling"),
    ).rejects.toMatchObject({ awsErrorName: "ECONNRESET" });
    expect(lost.attempts).toHaveLength(1);
    const throttled = scripted([awsError("ThrottlingException")]);
    await expect(
      createAwsCaller(noSleep)("UpdateService", "c1/a", throttled.send, "throttling"),
    ).resolves.toBe("ok");
  });

  it("aborts an attempt that hangs past its timeout and reports CallTimeout", async () => {
    const hang = (signal: AbortSignal) =>
      new Promise<never>((_, reject) =>
        signal.addEventListener("abort", () => reject(awsError("AbortError"))),
      );
    const call = createAwsCaller({
      ...noSleep,
      retry: { attemptTimeoutMs: 20, maxAttempts: 2, minAttemptMs: 1 },
    });
    const started = Date.now();
    await expect(call("DescribeServices", "c1", hang)).rejects.toMatchObject({ awsErrorName: "CallTimeout" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("starts no attempt once the run's budget is spent", async () => {
    const deadline = createRunDeadline();
    deadline.set(0);
    const { send, attempts } = scripted([]);
    await expect(createAwsCaller({ ...noSleep, deadline })("ListTasks", "c1", send)).rejects.toMatchObject({
      awsErrorName: "RunDeadlineReached",
    });
    expect(attempts).toHaveLength(0);
  });

  it("gives up retrying when the next backoff would outlast the run's budget", async () => {
    let now = 0;
    const deadline = createRunDeadline(() => now);
    deadline.set(1_000);
    const { send, attempts } = scripted(Array.from({ length: 20 }, () => awsError("ThrottlingException")));
    const call = createAwsCaller({
      deadline,
      random: () => 1,
      sleep: async (ms) => {
        now += ms;
      },
      retry: { maxAttempts: 20 },
    });
    await expect(call("DescribeTasks", "c1", send)).rejects.toMatchObject({
      awsErrorName: "ThrottlingException",
    });
    expect(now).toBeLessThanOrEqual(1_000);
    expect(attempts.length).toBeLessThan(20);
  });

  it("waits out throttling past the no-budget attempt count while the run's budget allows", async () => {
    let now = 0;
    const deadline = createRunDeadline(() => now);
    deadline.set(60_000);
    const { send, attempts } = scripted(Array.from({ length: 12 }, () => awsError("ThrottlingException")));
    const call = createAwsCaller({
      deadline,
      random: () => 0,
      sleep: async (ms) => {
        now += ms;
      },
    });
    await expect(call("ListTasks", "c1", send)).resolves.toBe("ok");
    expect(attempts).toHaveLength(13);
  });

  it("stops retrying a throttled read at the quarter of the budget kept for later stages, unless it started there", async () => {
    let now = 0;
    const deadline = createRunDeadline(() => now);
    deadline.set(40_000);
    const sleep = async (ms: number) => {
      now += ms;
    };
    const early = scripted(Array.from({ length: 100 }, () => awsError("ThrottlingException")));
    const call = createAwsCaller({ deadline, random: () => 1, sleep });
    await expect(call("ListServices", "c1", early.send)).rejects.toMatchObject({
      awsErrorName: "ThrottlingException",
    });
    expect(now).toBeLessThanOrEqual(30_000);
    expect(now).toBeGreaterThan(20_000);
    now = 31_000;
    const late = scripted(Array.from({ length: 100 }, () => awsError("ThrottlingException")));
    await expect(call("DescribeServices", "c1/a", late.send)).rejects.toMatchObject({
      awsErrorName: "ThrottlingException",
    });
    expect(now).toBeGreaterThan(34_000);
    expect(now).toBeLessThanOrEqual(40_000);
  });

  it("gives up throttling after maxAttempts when the run has no budget", async () => {
    const { send, attempts } = scripted(Array.from({ length: 20 }, () => awsError("ThrottlingException")));
    await expect(createAwsCaller(noSleep)("ListTasks", "c1", send)).rejects.toMatchObject({
      awsErrorName: "ThrottlingException",
    });
    expect(attempts).toHaveLength(8);
  });

  it("retries a throttled write up to the budget's end: acting is the run's last stage", async () => {
    let now = 0;
    const deadline = createRunDeadline(() => now);
    deadline.set(40_000);
    const { send } = scripted(Array.from({ length: 100 }, () => awsError("ThrottlingException")));
    const call = createAwsCaller({
      deadline,
      random: () => 1,
      sleep: async (ms) => {
        now += ms;
      },
    });
    await expect(call("UpdateService", "c1/a", send, "throttling")).rejects.toMatchObject({
      awsErrorName: "ThrottlingException",
    });
    expect(now).toBeGreaterThan(30_000);
    expect(now).toBeLessThanOrEqual(40_000);
  });

  it("holds throttled retries to a fixed deadline (the CLI's --timeout) with the same reserve as the Lambda's", async () => {
    let now = 0;
    const deadline = deadlineAt(new Date(40_000), () => now);
    const { send } = scripted(Array.from({ length: 100 }, () => awsError("ThrottlingException")));
    const call = createAwsCaller({
      deadline,
      random: () => 1,
      sleep: async (ms) => {
        now += ms;
      },
    });
    await expect(call("ListServices", "c1", send)).rejects.toMatchObject({
      awsErrorName: "ThrottlingException",
    });
    expect(now).toBeGreaterThan(20_000);
    expect(now).toBeLessThanOrEqual(30_000);
  });
});
