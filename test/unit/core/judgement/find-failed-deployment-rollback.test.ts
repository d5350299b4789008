import { describe, expect, it } from "vitest";
import {
  findFailedDeployment,
  type TriggeringDeployment,
} from "../../../../lambda/core/judgement/find-failed-deployment.js";
import type { CutoverWindow } from "../../../../lambda/core/secret/cutover-window.js";
import type { DeploymentSnapshot } from "../../../../lambda/core/snapshots.js";
import { aDeployment, aService, cutover, taskDefinitionArn } from "../builders.js";

/**
 * How a rollback is recognised (a later deployment back to a task definition that ran before the
 * cut-over, or one ECS says is rolling back), which failed deployment it is blamed on, and how its
 * outcome is worded.
 */
const window: CutoverWindow = { earliest: cutover, latest: cutover, source: "event" };
const minutesAfterCutover = (minutes: number) => new Date(cutover.getTime() + minutes * 60_000);
const beforeCutover = aDeployment({ id: "ecs-svc/before", status: "INACTIVE" });
const forced = aDeployment({
  id: "ecs-svc/forced",
  status: "ACTIVE",
  taskDefinitionArn: taskDefinitionArn("orders-api:43"),
  createdAt: minutesAfterCutover(1),
  rolloutState: "FAILED",
});
/** Back to orders-api:42, which ran before the cut-over; no circuit-breaker wording. */
const rollback = (overrides: Partial<DeploymentSnapshot> = {}) =>
  aDeployment({ id: "ecs-svc/rollback", createdAt: minutesAfterCutover(9), ...overrides });
const rolledBackReason = (failedId: string, outcome: string) =>
  `Deployment ${failedId}, created after the cut-over, failed and was rolled back: deployment ecs-svc/rollback returned to task definition orders-api:42, which ran before the cut-over; ${outcome}`;

function blamed(deployments: DeploymentSnapshot[], trigger?: TriggeringDeployment) {
  return findFailedDeployment(aService({ deployments }), window, trigger);
}

describe("findFailedDeployment: a return to a pre-cut-over task definition is a rollback", () => {
  it("names the failed deployment it rolled back, without ECS wording it as one", () => {
    expect(blamed([rollback(), forced, beforeCutover])).toEqual({
      id: "ecs-svc/forced",
      reason: rolledBackReason("ecs-svc/forced", "the rollback completed"),
    });
  });

  it("says the rollback is still in progress while it rolls", () => {
    expect(blamed([rollback({ rolloutState: "IN_PROGRESS" }), forced, beforeCutover])?.reason).toBe(
      rolledBackReason("ecs-svc/forced", "the rollback is in progress"),
    );
  });

  it("blames the failed deployment just before the rollback, not an earlier failed one", () => {
    const retried = aDeployment({
      id: "ecs-svc/retried",
      status: "ACTIVE",
      taskDefinitionArn: taskDefinitionArn("orders-api:44"),
      createdAt: minutesAfterCutover(4),
      rolloutState: "FAILED",
    });
    expect(blamed([rollback(), retried, forced, beforeCutover])).toEqual({
      id: "ecs-svc/retried",
      reason: rolledBackReason("ecs-svc/retried", "the rollback completed"),
    });
  });

  it("does not take a later deployment of a post-cut-over task definition for a rollback", () => {
    const again = aDeployment({
      id: "ecs-svc/again",
      taskDefinitionArn: taskDefinitionArn("orders-api:43"),
      createdAt: minutesAfterCutover(9),
      rolloutState: "IN_PROGRESS",
    });
    expect(blamed([again, forced, beforeCutover])).toEqual({
      id: "ecs-svc/forced",
      reason: "Deployment ecs-svc/forced, created after the cut-over, failed",
    });
  });
});

describe("findFailedDeployment: the triggering FAILED deployment ECS already dropped", () => {
  it("names the dropped deployment the FAILED event was about", () => {
    expect(blamed([rollback(), beforeCutover], { id: "ecs-svc/dropped", state: "FAILED" })).toEqual({
      id: "ecs-svc/dropped",
      reason: rolledBackReason("ecs-svc/dropped", "the rollback completed"),
    });
  });

  it("does not name a triggering deployment still listed: the rollback ECS words as one is blamed", () => {
    const stillListed = aDeployment({
      id: "ecs-svc/listed",
      status: "ACTIVE",
      taskDefinitionArn: taskDefinitionArn("orders-api:43"),
      createdAt: minutesAfterCutover(1),
      rolloutState: "IN_PROGRESS",
    });
    const saysRollback = rollback({
      rolloutState: "IN_PROGRESS",
      rolloutStateReason: "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/before",
    });
    expect(
      blamed([saysRollback, stillListed, beforeCutover], { id: "ecs-svc/listed", state: "FAILED" }),
    ).toEqual({
      id: "ecs-svc/rollback",
      reason:
        "A deployment created after the cut-over failed and was rolled back: deployment ecs-svc/rollback returned to task definition orders-api:42; the rollback is in progress",
    });
  });
});
