import { UntagResourceCommand } from "@aws-sdk/client-ecs";
import { afterEach, describe, expect, it } from "vitest";
import { ANSWER_DELAY_VARIABLE } from "../../../fleet/apps/with-answer-delay.js";
import { PROBE_BUDGET_SPENT } from "../../../lambda/core/deadline/budget-probes.js";
import { account, jwtScenario, region } from "../scenarios/scenario-builders.js";
import { type Harness, startHarness } from "../scenarios/scenario-harness.js";
import { leaveTaskStartSecond } from "../scenarios/scenario-operator.js";
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

const services = 3;
const tasksPerService = 16;
/** Every request answered after 1.5 s: each task needs 3 s for its AWSCURRENT and control probes. */
const answerDelayMs = 1_500;
const probeConcurrency = 4;
/**
 * A 10 s function: its run budget is 8 s (2 s kept to report), probing gets about 6 s of it, so 4
 * probe slots prove about 8 of the 48 tasks; probing them all would take 48 x 3 s / 4 = 36 s.
 */
const lambdaTimeoutMs = 10_000;

/** The fleet, opted out of probing while it starts, then opted in: the rotation's run is the first to probe. */
async function fleetLargerThanBudget(): Promise<Harness> {
  const scenario = jwtScenario(
    [{ name: "prod/jwt", value: oldValue }],
    Array.from({ length: services }, (_, index) => ({
      name: `wide-${index}`,
      image: "sample/jwt-api:jose",
      desiredCount: tasksPerService,
      tags: { "rollout-verifier:opt-out": "true" },
    })),
  );
  const taskDefinitions = scenario.taskDefinitions?.map((definition) => ({
    ...definition,
    containerDefinitions: (definition.containerDefinitions as Record<string, unknown>[]).map((container) => ({
      ...container,
      environment: [{ name: ANSWER_DELAY_VARIABLE, value: String(answerDelayMs) }],
    })),
  }));
  const started = await startHarness(
    { ...scenario, ...(taskDefinitions ? { taskDefinitions } : {}) },
    {
      lambdaTimeoutMs,
      config: {
        VERIFIER_DRY_RUN: "true",
        VERIFIER_CLUSTERS: "prod",
        VERIFIER_PROBE_CONCURRENCY: String(probeConcurrency),
      },
    },
  );
  for (let index = 0; index < services; index += 1)
    await started.ecs.send(
      new UntagResourceCommand({
        resourceArn: `arn:aws:ecs:${region}:${account}:service/prod/wide-${index}`,
        tagKeys: ["rollout-verifier:opt-out"],
      }),
    );
  return started;
}

describe("a fleet larger than the function's time budget", () => {
  it("48 slow tasks under a 10 s function: the run ends in time, every task is in the report once, and a gap counts the tasks it never probed", {
    timeout: 90_000,
  }, async () => {
    harness = await fleetLargerThanBudget();
    // The move in a later second than every task start, so unprobed tasks are provably stale by time.
    for (let index = 0; index < services; index += 1)
      await leaveTaskStartSecond(harness.fleet, `wide-${index}`);
    const outcome = await rotateUnder(harness, {}, 60_000);
    expectEveryTaskReported(outcome);
    expectWithinBudget(harness, lambdaTimeoutMs);
    expect(harness.verifier.lambda.invocations.filter((record) => !record.ok)).toEqual([]);
    const tasks = outcome.report?.services.flatMap((service) => service.tasks) ?? [];
    expect(tasks).toHaveLength(services * tasksPerService);
    expect(new Set(tasks.map((task) => task.taskArn)).size).toBe(services * tasksPerService);
    const notReached = tasks.filter(
      (task) => task.probe.status === "skipped" && task.probe.detail?.startsWith(PROBE_BUDGET_SPENT),
    );
    const proven = tasks.filter((task) => task.probe.control?.status === "accepted");
    // Some tasks were proven stale by their probes; most were never reached, and none is lost.
    expect(proven.length).toBeGreaterThan(0);
    expect(notReached.length).toBeGreaterThan(tasks.length / 2);
    expect(proven.length + notReached.length).toBeLessThanOrEqual(tasks.length);
    expect(
      notReached
        .filter((task) => task.verdict !== "stale" || task.evidence !== "timestamps")
        .map((task) => `${task.verdict}/${task.evidence}: ${task.reason}`),
    ).toEqual([]);
    expect(outcome.report?.gaps).toContainEqual(
      expect.objectContaining({
        scope: "probes",
        errorCode: "RunDeadlineReached",
        resource: `${notReached.length} task(s) not probed`,
      }),
    );
    expect(harness.forcedDeployments()).toEqual([]);
    expectNoLeak(harness);
  });
});
