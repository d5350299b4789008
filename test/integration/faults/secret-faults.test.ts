import { afterEach, describe, expect, it } from "vitest";
import { productUserAgent } from "../../../lambda/adapters/aws-clients.js";
import type { Harness } from "../scenarios/scenario-harness.js";
import { expectNoLeak, faultFleet, rotateUnder } from "./fault-run.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("faults in Secrets Manager during a rotation run", () => {
  it("5xx on every GetSecretValue: each attempt fails fast before any ECS call, so Lambda's retries are cheap", async () => {
    harness = await faultFleet(1, 2);
    const attemptsBefore = harness.verifier.lambda.invocations.length;
    const outcome = await rotateUnder(
      harness,
      { "secretsmanager.GetSecretValue": { serverErrorRate: 1 } },
      60_000,
      "settled",
    );
    const attempts = harness.verifier.lambda.invocations.slice(attemptsBefore);
    expect(attempts.length).toBeGreaterThan(1);
    expect(attempts.every((record) => !record.ok && record.errorType === "AwsCallError")).toBe(true);
    expect(attempts.every((record) => record.durationMs < 5_000)).toBe(true);
    const ecsCalls = harness.fleet.callLog
      .entries({ userAgent: productUserAgent })
      .filter((entry) => entry.at >= outcome.since && entry.service.startsWith("AmazonEC2ContainerService"));
    expect(ecsCalls).toEqual([]);
    expect(harness.forcedDeployments()).toEqual([]);
    expectNoLeak(harness);
  });
});
