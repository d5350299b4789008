import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { productUserAgent } from "../../../lambda/adapters/aws/aws-clients.js";
import { jwtScenario } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** Every other draw throttles: each faulted call is throttled once, then its retry passes. */
function alternating(): () => number {
  let draws = 0;
  return () => (draws++ % 2 === 0 ? 0.1 : 0.9);
}

describe("ECS throttling during a run", () => {
  it("is retried by the SDK's adaptive retry: the run completes and forces exactly one deployment", async () => {
    harness = await startHarness(
      jwtScenario(
        [{ name: "prod/jwt", value: "throttle-old-key-000000000000001" }],
        [{ name: "orders", image: "sample/jwt-api:jose" }],
      ),
      { fleet: { random: alternating() } },
    );
    const { fleet } = harness;
    const since = Date.now();
    fleet.faults.set("ecs.DescribeServices", { throttleRate: 0.5 });
    fleet.faults.set("ecs.UpdateService", { throttleRate: 0.5 });

    await harness.secrets.send(
      new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: "throttle-new-key-000000000000002" }),
    );
    await harness.settle();

    const product = fleet.callLog
      .entries({ userAgent: productUserAgent })
      .filter((entry) => entry.at >= since);
    const updates = product.filter((entry) => entry.operation === "UpdateService");
    expect(updates.map((entry) => entry.status)).toEqual([400, 200]);
    const describes = product.filter((entry) => entry.operation === "DescribeServices");
    expect(describes.filter((entry) => entry.status === 400).length).toBeGreaterThan(0);
    expect(harness.verifier.lambda.invocations.filter((record) => !record.ok)).toEqual([]);
    expect(harness.forcedDeployments("orders").filter((entry) => entry.status === 200)).toHaveLength(1);
    expect(harness.latestServiceReport("orders")?.verdict).toBe("converged");
  });
});
