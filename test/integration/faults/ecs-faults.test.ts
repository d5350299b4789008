import { RunTaskCommand } from "@aws-sdk/client-ecs";
import { afterEach, describe, expect, it } from "vitest";
import type { Harness } from "../scenarios/scenario-harness.js";
import { serviceRecord } from "../scenarios/scenario-operator.js";
import {
  expectEveryTaskReported,
  expectNoLeak,
  expectNoUnintendedDeployments,
  expectWithinBudget,
  faultFleet,
  rotateUnder,
  seededRandom,
} from "./fault-run.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("faults in ECS during a rotation run", () => {
  it("60% of ECS calls throttled, ListClusters 8 times in a row: retried within the budget, every task reported, each stale service forced once", {
    timeout: 120_000,
  }, async () => {
    // Seed 2565 throttles the run's first call, ListClusters, 8 times in a row (then no call more than
    // 4 times): 8 attempts once ended the call there, leaving a report with no cluster searched.
    harness = await faultFleet(2, 2, { fleet: { random: seededRandom(2565) } });
    const outcome = await rotateUnder(harness, { "ecs.*": { throttleRate: 0.6 } });
    const listings = harness.fleet.callLog
      .entries({ operation: "ListClusters" })
      .filter((entry) => entry.at >= outcome.since);
    expect(listings.slice(0, 9).map((entry) => entry.status)).toEqual([...Array(8).fill(400), 200]);
    expectEveryTaskReported(outcome);
    expectNoUnintendedDeployments(harness, outcome);
    expectNoLeak(harness);
    expectWithinBudget(harness, 60_000);
    expect(harness.verifier.lambda.invocations.filter((record) => !record.ok)).toEqual([]);
  });

  it("5xx on every DescribeTasks: the tasks are listed under their services as unknown, nothing is forced", async () => {
    harness = await faultFleet(2, 2);
    const outcome = await rotateUnder(
      harness,
      { "ecs.DescribeTasks": { serverErrorRate: 1 } },
      60_000,
      "settled",
    );
    expectEveryTaskReported(outcome);
    const tasks = outcome.report?.services.flatMap((service) => service.tasks) ?? [];
    expect(tasks.map((task) => task.verdict)).toEqual(tasks.map(() => "unknown"));
    expect(outcome.report?.services.map((service) => service.verdict)).not.toContain("converged");
    expect(outcome.report?.gaps[0]).toMatchObject({
      operation: "DescribeTasks",
      errorCode: "ServerException",
    });
    expect(harness.forcedDeployments()).toEqual([]);
    expectNoLeak(harness);
  });

  it("a deleted cluster in VERIFIER_CLUSTERS is reported and skipped; the other cluster is verified", async () => {
    harness = await faultFleet(2, 2, { config: { VERIFIER_CLUSTERS: "gone,prod" } });
    const outcome = await rotateUnder(harness, {});
    expectEveryTaskReported(outcome);
    expect(outcome.report?.gaps).toMatchObject([
      { scope: "cluster", cluster: "gone", operation: "ListServices", errorCode: "ClusterNotFoundException" },
    ]);
    expect(outcome.report?.services.map((service) => service.service).sort()).toEqual(["svc-0", "svc-1"]);
    expectNoUnintendedDeployments(harness, outcome);
  });

  it("a hanging DescribeTasks is cut at the run's budget: the run still reports every task", async () => {
    harness = await faultFleet(1, 2, { lambdaTimeoutMs: 8_000 });
    const outcome = await rotateUnder(harness, { "ecs.DescribeTasks": { hangRate: 1 } }, 40_000, "settled");
    expectEveryTaskReported(outcome);
    expect(outcome.report?.gaps.map((gap) => gap.errorCode)).toContain("CallTimeout");
    expectWithinBudget(harness, 8_000);
    expect(harness.forcedDeployments()).toEqual([]);
  });

  it("a lost UpdateService answer after ECS applied it: one deployment, and the report names it", async () => {
    harness = await faultFleet(1, 2);
    const outcome = await rotateUnder(harness, { "ecs.UpdateService": { lostResponseRate: 1 } });
    expect(harness.forcedDeployments("svc-0")).toHaveLength(1);
    const deployments = harness.fleet.callLog
      .entries({ operation: "UpdateService" })
      .filter((entry) => entry.at >= outcome.since);
    expect(deployments).toHaveLength(1);
    const service = outcome.report?.services.find((entry) => entry.service === "svc-0");
    const primary = serviceRecord(harness.fleet, "prod", "svc-0").history.at(-1)?.id;
    expect(service).toMatchObject({ action: "forced-deployment", deploymentId: primary });
    expectNoLeak(harness);
  });

  it("a task RunTask started with group service:ghost reading the secret is reported as standalone", async () => {
    harness = await faultFleet(1, 1);
    const started = await harness.ecs.send(
      new RunTaskCommand({
        cluster: "prod",
        taskDefinition: "svc-0",
        group: "service:ghost",
        launchType: "FARGATE",
        networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0local"] } },
      }),
    );
    const ghostArn = started.tasks?.[0]?.taskArn ?? "";
    await harness.fleet.waitFor(
      () => harness?.fleet.runningTasks("prod").find((task) => task.taskArn === ghostArn),
      "the ghost task runs",
    );
    const outcome = await rotateUnder(harness, {});
    expectEveryTaskReported(outcome);
    const holder = outcome.report?.services.find((service) =>
      service.tasks.some((task) => task.taskArn === ghostArn),
    );
    expect(holder?.kind).toBe("standalone");
  });
});
