import { describe, expect, it } from "vitest";
import type { InspectedGroup, InspectedTask } from "../../../../lambda/core/consumers/inspect-groups.js";
import type { SecretUsage } from "../../../../lambda/core/consumers/secret-usage.js";
import { assessGroup } from "../../../../lambda/core/judgement/assess-group.js";
import type { PlanContext } from "../../../../lambda/core/judgement/plan-service.js";
import type { ProbeReport } from "../../../../lambda/core/report/report.js";
import { aService, aTask, clusterArn, cutover } from "../builders.js";

/**
 * What assessGroup hands on from a task definition's usage (registry credentials only, a runtime
 * fetch) to the task's verdict, and how many tasks it tells the planner accept any token.
 */
const context: PlanContext = {
  window: { earliest: cutover, latest: cutover, source: "event" },
  now: new Date(cutover.getTime() + 10_000),
};
const injected: SecretUsage = { references: [], pin: { pinned: false } };
const taskArn = (n: number) =>
  `arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/${String(n).padStart(32, "0")}`;

function inspectedTask(n: number, usage: SecretUsage = injected): InspectedTask {
  return {
    task: aTask({ taskArn: taskArn(n) }),
    usage,
    address: { kind: "resolved", host: "127.0.0.1", port: 8080 },
    probeKey: { kind: "not-applicable", reason: "not under test" },
  };
}

function group(
  tasks: readonly InspectedTask[],
  runtimeFetch?: { secret: string; ttlSeconds: number },
): InspectedGroup {
  const service = aService();
  return {
    group: { kind: "service", cluster: clusterArn, service, tasks: tasks.map(({ task }) => task) },
    name: service.serviceName,
    settings: { scheme: "http", optedOut: false, ignoredTags: [], ...(runtimeFetch ? { runtimeFetch } : {}) },
    tasks,
    tasksNotReading: 0,
    unjudged: [],
  };
}

describe("assessGroup: how a task definition reads the secret", () => {
  it("judges a task that reads the secret only as registry credentials unaffected, though it started before the cut-over", () => {
    const { tasks, planned } = assessGroup(
      group([inspectedTask(1, { ...injected, pullOnly: true })]),
      new Map(),
      context,
    );
    expect(tasks.map(({ verdict, evidence }) => [verdict, evidence])).toEqual([
      ["unaffected", "task-definition"],
    ]);
    expect(planned.plan.verdict).toBe("converged");
  });

  it("judges a runtime-fetch task with its service's cache TTL and the run's clock: refreshing, not stale", () => {
    const usage: SecretUsage = { ...injected, runtimeFetch: true };
    const { tasks, planned } = assessGroup(
      group([inspectedTask(1, usage)], { secret: "prod/orders/jwt-signing-key", ttlSeconds: 300 }),
      new Map(),
      context,
    );
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      verdict: "refreshing",
      evidence: "timestamps",
      reason: expect.stringContaining("with a cache TTL of 300 s and it was not probed"),
    });
    expect(planned.plan.verdict).toBe("wait");
  });
});

describe("assessGroup: tasks that accept any token", () => {
  const forged: ProbeReport = { status: "accepted", httpStatus: 200, acceptedForged: ["accepts-alg-none"] };
  const accepted: ProbeReport = { status: "accepted", httpStatus: 200 };
  const afterCutover = (n: number) => ({
    ...inspectedTask(n),
    task: aTask({
      taskArn: taskArn(n),
      createdAt: new Date("2025-06-01T03:20:00Z"),
      startedAt: new Date("2025-06-01T03:20:05Z"),
    }),
  });

  it("counts only those tasks in the plan's finding", () => {
    const { tasks, planned } = assessGroup(
      group([afterCutover(1), inspectedTask(2), inspectedTask(3)]),
      new Map([
        [taskArn(1), forged],
        [taskArn(2), accepted],
        [taskArn(3), accepted],
      ]),
      context,
    );
    expect(tasks.map(({ verdict, evidence }) => [verdict, evidence])).toEqual([
      ["current", "accepts-any-token"],
      ["current", "probe"],
      ["current", "probe"],
    ]);
    expect(planned.plan.verdict).toBe("blocked");
    expect(planned.plan.reason.startsWith("1 task(s) accept any token")).toBe(true);
  });

  it("converges a group where no task accepts any token", () => {
    const { planned } = assessGroup(
      group([inspectedTask(1), inspectedTask(2)]),
      new Map([
        [taskArn(1), accepted],
        [taskArn(2), accepted],
      ]),
      context,
    );
    expect(planned.plan).toMatchObject({ verdict: "converged", reason: "Every task holds AWSCURRENT." });
  });
});
