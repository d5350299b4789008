import { UntagResourceCommand } from "@aws-sdk/client-ecs";
import { afterEach, describe, expect, it } from "vitest";
import { ANSWER_DELAY_VARIABLE } from "../../../fleet/apps/with-answer-delay.js";
import { account, jwtScenario, region } from "../scenarios/scenario-builders.js";
import { type Harness, startHarness } from "../scenarios/scenario-harness.js";
import {
  expectEveryTaskReported,
  expectNoLeak,
  expectWithinBudget,
  oldValue,
  rotateUnder,
} from "./fault-run.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** Four services of 12 tasks answering every request in 1, 1.3, 1.6 and 1.9 s. */
const answerDelays = [1_000, 1_300, 1_600, 1_900];
const tasksPerService = 12;
const lambdaTimeoutMs = 20_000;

/**
 * The slow fleet, opted out of probing while it starts (the set-up's deployment events would
 * otherwise each spend seconds probing it), then opted in: the rotation's run is the first to probe.
 */
async function slowFleet(): Promise<Harness> {
  const scenario = jwtScenario(
    [{ name: "prod/jwt", value: oldValue }],
    answerDelays.map((_, index) => ({
      name: `slow-${index}`,
      image: "sample/jwt-api:jose",
      desiredCount: tasksPerService,
      tags: { "rollout-verifier:opt-out": "true" },
    })),
  );
  const taskDefinitions = scenario.taskDefinitions?.map((definition, index) => ({
    ...definition,
    containerDefinitions: (definition.containerDefinitions as Record<string, unknown>[]).map((container) => ({
      ...container,
      environment: [{ name: ANSWER_DELAY_VARIABLE, value: String(answerDelays[index]) }],
    })),
  }));
  const started = await startHarness(
    { ...scenario, ...(taskDefinitions ? { taskDefinitions } : {}) },
    { lambdaTimeoutMs, config: { VERIFIER_DRY_RUN: "true", VERIFIER_CLUSTERS: "prod" } },
  );
  for (const [index] of answerDelays.entries())
    await started.ecs.send(
      new UntagResourceCommand({
        resourceArn: `arn:aws:ecs:${region}:${account}:service/prod/slow-${index}`,
        tagKeys: ["rollout-verifier:opt-out"],
      }),
    );
  return started;
}

describe("tasks that answer slowly", () => {
  it("48 tasks answering in 1-1.9 s under a 20 s function: every task proven by its AWSCURRENT and control probes, security probes sampled and the report says so, nothing forced", {
    timeout: 90_000,
  }, async () => {
    harness = await slowFleet();
    const outcome = await rotateUnder(harness, {}, 60_000);
    expectEveryTaskReported(outcome);
    expectWithinBudget(harness, lambdaTimeoutMs);
    expect(harness.verifier.lambda.invocations.filter((record) => !record.ok)).toEqual([]);
    const tasks = outcome.report?.services.flatMap((service) => service.tasks) ?? [];
    expect(tasks).toHaveLength(answerDelays.length * tasksPerService);
    // Every verdict rests on the probe: AWSCURRENT rejected, the AWSPREVIOUS control accepted.
    expect(
      tasks.filter((task) => task.verdict !== "stale" || task.probe.control?.status !== "accepted"),
    ).toEqual([]);
    const skipped = tasks.filter((task) => task.probe.detail?.includes("security probes skipped"));
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.length).toBeLessThan(tasks.length);
    const probed = new Set(tasks.filter((task) => !skipped.includes(task)).map((task) => task.taskArn));
    const sampled = outcome.report?.services.filter((service) =>
      service.tasks.some((task) => probed.has(task.taskArn)),
    );
    expect(sampled).toHaveLength(answerDelays.length);
    expect(outcome.report?.gaps).toContainEqual(
      expect.objectContaining({ scope: "probes", resource: `${skipped.length} task(s)` }),
    );
    expect(harness.forcedDeployments()).toEqual([]);
    expectNoLeak(harness);
  });
});
