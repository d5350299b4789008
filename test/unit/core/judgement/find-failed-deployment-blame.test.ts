import { describe, expect, it } from "vitest";
import { findFailedDeployment } from "../../../../lambda/core/judgement/find-failed-deployment.js";
import type { CutoverWindow } from "../../../../lambda/core/secret/cutover-window.js";
import type { DeploymentSnapshot } from "../../../../lambda/core/snapshots.js";
import { aDeployment, aService, cutover, taskDefinitionArn } from "../builders.js";

/** Which post-cut-over deployment is blamed, whatever order ECS lists them in, and where "after" starts. */
const window: CutoverWindow = { earliest: cutover, latest: cutover, source: "event" };
const minutesAfterCutover = (minutes: number) => new Date(cutover.getTime() + minutes * 60_000);
const beforeCutover = aDeployment({ id: "ecs-svc/before", status: "ACTIVE" });

function blamed(deployments: DeploymentSnapshot[]) {
  return findFailedDeployment(aService({ deployments }), window);
}

describe("findFailedDeployment: the newest failed deployment without a rollback", () => {
  const older = aDeployment({
    id: "ecs-svc/older",
    status: "ACTIVE",
    taskDefinitionArn: taskDefinitionArn("orders-api:43"),
    createdAt: minutesAfterCutover(1),
    rolloutState: "FAILED",
  });
  const newer = aDeployment({
    id: "ecs-svc/newer",
    taskDefinitionArn: taskDefinitionArn("orders-api:44"),
    createdAt: minutesAfterCutover(5),
    rolloutState: "FAILED",
  });

  it.each([
    ["newest first", [newer, older, beforeCutover]],
    ["oldest first", [beforeCutover, older, newer]],
  ])("blames the newest when ECS lists them %s", (_order, deployments) => {
    expect(blamed(deployments)).toEqual({
      id: "ecs-svc/newer",
      reason: "Deployment ecs-svc/newer, created after the cut-over, failed",
    });
  });
});

describe("findFailedDeployment: the cut-over's latest instant belongs before it", () => {
  it("does not blame a failed deployment created at the cut-over's latest instant", () => {
    const atCutover = aDeployment({
      id: "ecs-svc/at-cutover",
      createdAt: window.latest,
      rolloutState: "FAILED",
    });
    expect(blamed([atCutover])).toBeUndefined();
  });

  it("blames one created a millisecond later", () => {
    const justAfter = aDeployment({
      id: "ecs-svc/just-after",
      createdAt: new Date(window.latest.getTime() + 1),
      rolloutState: "FAILED",
    });
    expect(blamed([justAfter])?.id).toBe("ecs-svc/just-after");
  });

  it("takes a return to the task definition of a deployment created at that instant as a rollback", () => {
    const atCutover = aDeployment({ id: "ecs-svc/at-cutover", status: "INACTIVE", createdAt: window.latest });
    const forced = aDeployment({
      id: "ecs-svc/forced",
      status: "ACTIVE",
      taskDefinitionArn: taskDefinitionArn("orders-api:43"),
      createdAt: minutesAfterCutover(1),
      rolloutState: "FAILED",
    });
    const rollback = aDeployment({ id: "ecs-svc/rollback", createdAt: minutesAfterCutover(9) });
    expect(blamed([rollback, forced, atCutover])).toEqual({
      id: "ecs-svc/forced",
      reason:
        "Deployment ecs-svc/forced, created after the cut-over, failed and was rolled back: deployment ecs-svc/rollback returned to task definition orders-api:42, which ran before the cut-over; the rollback completed",
    });
  });
});
