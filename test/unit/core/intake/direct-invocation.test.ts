import { describe, expect, it } from "vitest";
import { handleEvent } from "../../../../lambda/core/handle-event.js";
import type { InvocationDeps } from "../../../../lambda/core/invocation-deps.js";
import { ErrorCode } from "../../../../lambda/errors.js";
import { secretArn } from "../builders.js";
import { scenarioHarness } from "../engine-harness.js";

function deps(harness: ReturnType<typeof scenarioHarness>): InvocationDeps {
  return {
    ...harness.deps,
    config: {
      dryRun: true,
      maxRedeploysPerRun: 25,
      probeTimeoutMs: 2000,
      probeConcurrency: 4,
      securityProbes: true,
      bridgeAddresses: true,
      awsConcurrency: 4,
      place: { region: "eu-west-1" },
    },
    log: { info: () => undefined, error: () => undefined },
    publish: () => undefined,
  };
}

describe("a direct invocation's fields, checked before any AWS call", () => {
  it("refuses a 10,000-character cluster name and another region's cluster ARN, naming the field", async () => {
    for (const clusters of [
      ["x".repeat(10_000)],
      ["arn:aws:ecs:us-east-1:123456789012:cluster/orders-prod"],
    ]) {
      const harness = scenarioHarness();
      const secretsCalls = (harness.deps.secrets as unknown as { calls: string[] }).calls;
      await expect(handleEvent({ secretId: secretArn, clusters }, deps(harness))).rejects.toMatchObject({
        code: ErrorCode.eventMalformed,
        message: expect.stringContaining("field clusters[0]"),
      });
      expect(harness.ecs.calls).toEqual([]);
      expect(secretsCalls).toEqual([]);
    }
  });
});
