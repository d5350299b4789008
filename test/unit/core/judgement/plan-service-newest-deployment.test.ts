import { describe, expect, it } from "vitest";
import { planService, STUCK_DEPLOYMENT_MS } from "../../../../lambda/core/judgement/plan-service.js";
import type { CutoverWindow } from "../../../../lambda/core/secret/cutover-window.js";
import type { DeploymentSnapshot } from "../../../../lambda/core/snapshots.js";
import { aDeployment, aService, cutover, taskDefinitionArn } from "../builders.js";

/** Which deployment a lagging service waits on or blames, and the boundaries that decide it. */
const window: CutoverWindow = { earliest: cutover, latest: cutover, source: "event" };
const now = new Date("2025-06-01T03:40:00Z");
const minutesAfterCutover = (minutes: number) => new Date(cutover.getTime() + minutes * 60_000);

function planFor(deployments: DeploymentSnapshot[], at = now) {
  return planService({ kind: "service", service: aService({ deployments }), optedOut: false }, ["stale"], {
    window,
    now: at,
  });
}

describe("planService: the newest deployment after the cut-over", () => {
  it("waits on the newest post-cut-over deployment even when ECS lists an older one first", () => {
    const older = aDeployment({
      id: "ecs-svc/older",
      status: "ACTIVE",
      taskDefinitionArn: taskDefinitionArn("orders-api:43"),
      createdAt: minutesAfterCutover(1),
      rolloutState: "COMPLETED",
    });
    const newer = aDeployment({
      id: "ecs-svc/newer",
      taskDefinitionArn: taskDefinitionArn("orders-api:43"),
      createdAt: minutesAfterCutover(5),
      rolloutState: "IN_PROGRESS",
    });
    expect(planFor([older, newer])).toMatchObject({ verdict: "wait", deploymentId: "ecs-svc/newer" });
    expect(planFor([newer, older])).toMatchObject({ verdict: "wait", deploymentId: "ecs-svc/newer" });
  });

  it("forces a service whose only deployment was created at the cut-over's latest instant", () => {
    const atCutover = aDeployment({ id: "ecs-svc/at-cutover", createdAt: window.latest });
    expect(planFor([atCutover])).toMatchObject({ verdict: "redeploy", deploymentId: null });
  });

  it("blames a completed deployment created just after the cut-over for the stale tasks left", () => {
    const justAfter = aDeployment({
      id: "ecs-svc/just-after",
      createdAt: new Date(window.latest.getTime() + 1),
    });
    expect(planFor([justAfter])).toMatchObject({ verdict: "failed", deploymentId: "ecs-svc/just-after" });
  });

  it("takes a single post-cut-over deployment without rolloutState as done, not rolling", () => {
    const only = aDeployment({
      id: "ecs-svc/only",
      createdAt: minutesAfterCutover(1),
      rolloutState: undefined,
    });
    const plan = planFor([only]);
    expect(plan).toMatchObject({ verdict: "failed", deploymentId: "ecs-svc/only" });
    expect(plan.reason).toContain("completed, yet 1 task(s) are still stale");
  });
});

describe("planService: a rolling deployment is stuck only after STUCK_DEPLOYMENT_MS", () => {
  const rolling = aDeployment({
    id: "ecs-svc/rolling",
    createdAt: minutesAfterCutover(1),
    rolloutState: "IN_PROGRESS",
  });
  const previous = aDeployment({ status: "ACTIVE" });

  it("still waits at exactly an hour", () => {
    const at = new Date(rolling.createdAt.getTime() + STUCK_DEPLOYMENT_MS);
    expect(planFor([rolling, previous], at)).toMatchObject({
      verdict: "wait",
      deploymentId: "ecs-svc/rolling",
    });
  });

  it("is stuck a millisecond later", () => {
    const at = new Date(rolling.createdAt.getTime() + STUCK_DEPLOYMENT_MS + 1);
    const plan = planFor([rolling, previous], at);
    expect(plan).toMatchObject({ verdict: "failed", deploymentId: "ecs-svc/rolling" });
    expect(plan.reason).toContain("still rolling after 60 minutes, with 1 task(s) lagging");
  });
});
