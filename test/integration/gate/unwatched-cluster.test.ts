import { readFileSync } from "node:fs";
import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productUserAgent } from "../../../lambda/adapters/aws/aws-clients.js";
import type { HookResponse } from "../../../lambda/core/gate/gate-types.js";
import { jwtScenario } from "../scenarios/scenario-builders.js";
import { type Harness, startHarness } from "../scenarios/scenario-harness.js";
import { deployRevision, gatedBlueGreen } from "./gate-harness.js";

/** Operations only the gate makes: none may reach the fleet for a cluster the verifier does not watch. */
const gateOnlyOperations = ["DescribeServiceRevisions", "DescribeServiceDeployments"];

let harness: Harness;

/**
 * `orders` in cluster `prod` reads the watched prod/jwt and runs BLUE_GREEN with the gate at
 * POST_SCALE_UP, but the verifier watches only cluster `staging` (VERIFIER_CLUSTERS): its policy
 * would deny every ECS call in `prod`, so the gate must answer without one.
 */
beforeAll(async () => {
  harness = await startHarness(
    jwtScenario(
      [{ name: "prod/jwt", value: "gate-unwatched-old-key-0000000000000001" }],
      [{ name: "orders", image: "sample/jwt-api:jose", deploymentConfiguration: gatedBlueGreen }],
    ),
    {
      config: {
        VERIFIER_WATCHED_SECRETS: "prod/jwt",
        VERIFIER_CLUSTERS: "staging",
        VERIFIER_GATE_CALLBACK_DELAY_SECONDS: "1",
      },
      fleet: { lifecycleHookTiming: { msPerSecond: 50 } },
    },
  );
  await harness.secrets.send(
    new PutSecretValueCommand({
      SecretId: "prod/jwt",
      SecretString: "gate-unwatched-new-key-000000000000002",
    }),
  );
  await harness.settle(30_000);
}, 90_000);

afterAll(async () => {
  await harness?.stop();
});

const expectedReason =
  "Cluster prod is not among the verifier's watched clusters (staging): the gate does not verify its services and lets the deployment go on, with no AWS call.";

describe("the deployment gate for a cluster the verifier does not watch", () => {
  it("answers SUCCEEDED at POST_SCALE_UP without a gate call, and the deployment completes", async () => {
    harness.fleet.callLog.clear();
    const deployed = await deployRevision(harness, {
      family: "orders",
      image: "sample/jwt-api:jose",
      secretName: "prod/jwt",
      environment: { RELEASE: "unwatched" },
    });
    expect(deployed.answers.map((answer) => [answer.stage, answer.answer.hookStatus])).toEqual([
      ["POST_SCALE_UP", "SUCCEEDED"],
    ]);
    expect(deployed.answers[0]?.answer.hookDetails?.rolloutVerifierGateReason).toBe(expectedReason);
    expect(deployed.status).toBe("SUCCESSFUL");
    const gateCalls = harness.fleet.callLog
      .entries({ userAgent: productUserAgent })
      .filter((entry) => gateOnlyOperations.includes(entry.operation));
    expect(gateCalls).toEqual([]);
    expect(harness.log()).toContain(expectedReason);
  }, 60_000);

  it("makes no AWS call at all while it answers the hook (the same payload, invoked on a quiet fleet)", async () => {
    const hookInvocation = harness.verifier.gate.invocations.find(
      (record) => (record.event as { lifecycleStage?: string }).lifecycleStage === "POST_SCALE_UP",
    );
    expect(hookInvocation).toBeDefined();
    await harness.settle(30_000);
    harness.fleet.callLog.clear();
    const outcome = await harness.verifier.gate.invoke(hookInvocation?.event);
    expect(outcome.ok).toBe(true);
    expect((outcome.result as HookResponse).hookStatus).toBe("SUCCEEDED");
    expect(harness.fleet.callLog.entries({ userAgent: productUserAgent })).toEqual([]);
    const decided = readFileSync(harness.logFile, "utf8")
      .split("\n")
      .filter((line) => line.includes("deployment gate decided") && line.includes(expectedReason));
    expect(decided.length).toBeGreaterThanOrEqual(2);
    expect(decided.every((line) => line.includes('"level":"INFO"'))).toBe(true);
  }, 60_000);
});
