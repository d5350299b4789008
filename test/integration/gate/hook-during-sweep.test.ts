import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWER_DELAY_VARIABLE } from "../../../fleet/apps/with-answer-delay.js";
import type { InvocationRecord } from "../../../fleet/lambda/local-lambda.js";
import { jwtScenario } from "../scenarios/scenario-builders.js";
import { type Harness, startHarness } from "../scenarios/scenario-harness.js";
import { deployRevision, gatedBlueGreen } from "./gate-harness.js";

let harness: Harness;
/** When each function's invocations ended, in the order they ended. */
const ended: { fn: "run" | "gate"; record: InvocationRecord; at: number }[] = [];

/**
 * `orders` deploys BLUE_GREEN with the gate at POST_SCALE_UP; `batch` has tasks that take 1.5 s to
 * answer each probe request, so a sweep probing them one at a time runs for seconds. The stack
 * gives hooks a function of their own: a hook that arrives mid-sweep must not wait for it.
 */
beforeAll(async () => {
  const scenario = jwtScenario(
    [{ name: "prod/jwt", value: "hook-sweep-old-key-00000000000000001" }],
    [
      { name: "orders", image: "sample/jwt-api:jose", deploymentConfiguration: gatedBlueGreen },
      { name: "batch", image: "sample/jwt-api:jose", desiredCount: 2 },
    ],
  );
  const batch = scenario.taskDefinitions?.find((definition) => definition.family === "batch") as
    | { containerDefinitions: { environment?: { name: string; value: string }[] }[] }
    | undefined;
  const container = batch?.containerDefinitions[0];
  if (!container) throw new Error("the scenario has no batch container");
  container.environment = [{ name: ANSWER_DELAY_VARIABLE, value: "1500" }];
  harness = await startHarness(scenario, {
    config: {
      VERIFIER_WATCHED_SECRETS: "prod/jwt",
      VERIFIER_PROBE_CONCURRENCY: "1",
      VERIFIER_PROBE_TIMEOUT_MS: "4000",
      VERIFIER_GATE_CALLBACK_DELAY_SECONDS: "1",
    },
    fleet: { lifecycleHookTiming: { msPerSecond: 50 } },
  });
  harness.verifier.lambda.onInvocation((record) => ended.push({ fn: "run", record, at: Date.now() }));
  harness.verifier.gate.onInvocation((record) => ended.push({ fn: "gate", record, at: Date.now() }));
}, 90_000);

afterAll(async () => {
  await harness?.stop();
});

const sweep = {
  version: "0",
  id: "hook-during-sweep",
  "detail-type": "Scheduled Event",
  source: "aws.events",
  account: "123456789012",
  time: new Date().toISOString(),
  region: "eu-west-1",
  resources: ["arn:aws:events:eu-west-1:123456789012:rule/Sweep"],
  detail: {},
};

describe("a lifecycle hook that arrives while a sweep runs", () => {
  it("is answered by the gate function before the sweep ends, and the deployment completes", async () => {
    const startedAt = Date.now();
    harness.verifier.lambda.invokeAsync(sweep);
    const deployed = await deployRevision(harness, {
      family: "orders",
      image: "sample/jwt-api:jose",
      secretName: "prod/jwt",
      environment: { RELEASE: "mid-sweep" },
    });
    expect(deployed.answers.map((answer) => [answer.stage, answer.answer.hookStatus])).toEqual([
      ["POST_SCALE_UP", "SUCCEEDED"],
    ]);
    expect(deployed.status).toBe("SUCCESSFUL");
    const sweepEnd = ended.find(
      (item) => item.fn === "run" && (item.record.event as { id?: string }).id === sweep.id,
    );
    const hookEnd = ended.find(
      (item) => item.fn === "gate" && (item.record.event as { lifecycleStage?: string }).lifecycleStage,
    );
    expect(sweepEnd?.record.ok).toBe(true);
    expect(hookEnd?.record.ok).toBe(true);
    // The premise: the sweep ran long (four probe requests per slow task, one task at a time).
    expect((sweepEnd?.at ?? 0) - startedAt).toBeGreaterThan(6_000);
    expect(hookEnd?.at ?? Number.POSITIVE_INFINITY).toBeLessThan(sweepEnd?.at ?? 0);
  }, 90_000);
});
