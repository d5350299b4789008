import { describe, expect, it } from "vitest";
import { forceDeployment } from "../../../../lambda/core/actions/force-deployment.js";
import type { ServicePlan } from "../../../../lambda/core/judgement/plan-service.js";
import { createGapLog } from "../../../../lambda/core/report/gap-log.js";
import type { DeploymentSnapshot } from "../../../../lambda/core/snapshots.js";
import { aDeployment, aService, clusterArn, cutover } from "../builders.js";
import { createFakeEcs } from "../fake-ports.js";

const plan: ServicePlan = { verdict: "redeploy", reason: "1 task(s) lag.", deploymentId: null };
const secondsAfter = (seconds: number) => new Date(cutover.getTime() + seconds * 1000);
const before = new Date(cutover.getTime() - 3_600_000);

/** orders-api as ECS shows it when the service is re-read just before forcing. */
function orderApiWith(deployments: DeploymentSnapshot[]) {
  const service = aService({ deployments });
  return createFakeEcs({
    clusters: { [clusterArn]: { services: [service], tasks: [] } },
    taskDefinitions: [],
  });
}

describe("forceDeployment: what the re-read just before UpdateService decides", () => {
  it("waits on the newest deployment created after the cut-over, in whatever order ECS lists them", async () => {
    const byTheCli = aDeployment({ id: "ecs-svc/by-the-cli", status: "ACTIVE", createdAt: secondsAfter(5) });
    const byAnOperator = aDeployment({ id: "ecs-svc/by-an-operator", createdAt: secondsAfter(40) });
    const old = aDeployment({ id: "ecs-svc/old", status: "ACTIVE", createdAt: before });
    for (const deployments of [
      [byTheCli, byAnOperator, old],
      [old, byTheCli, byAnOperator],
      [byAnOperator, old, byTheCli],
    ]) {
      const ecs = orderApiWith(deployments);
      const acted = await forceDeployment({ ecs, cutover }, clusterArn, "orders-api", plan);
      expect(ecs.forced).toEqual([]);
      expect(acted).toMatchObject({
        verdict: "wait",
        action: "none",
        deploymentId: "ecs-svc/by-an-operator",
      });
      expect(acted.reason).toContain("Deployment ecs-svc/by-an-operator was started after the cut-over");
    }
  });

  it("forces a service whose newest deployment was created at the cut-over's very instant, not after it", async () => {
    const ecs = orderApiWith([aDeployment({ id: "ecs-svc/at-the-cutover", createdAt: new Date(cutover) })]);
    const acted = await forceDeployment({ ecs, cutover }, clusterArn, "orders-api", plan);
    expect(ecs.forced).toEqual([{ cluster: clusterArn, service: "orders-api" }]);
    expect(acted).toMatchObject({ action: "forced-deployment", deploymentId: "ecs-svc/forced-1" });
  });

  it("does not force a service that is gone when re-read, and names it ServiceNotFound in the reason and the gap", async () => {
    const ecs = orderApiWith([aDeployment({ createdAt: before })]);
    const gaps = createGapLog();
    const acted = await forceDeployment({ ecs, cutover, gaps }, clusterArn, "orders-worker", plan);
    expect(ecs.forced).toEqual([]);
    expect(acted).toEqual({
      ...plan,
      action: "none",
      reason:
        "1 task(s) lag. Not forced: re-reading its deployments failed (ServiceNotFound); the next run decides.",
    });
    expect(gaps.gaps).toMatchObject([
      {
        scope: "deployment",
        cluster: "orders-prod",
        resource: "orders-worker",
        errorCode: "ServiceNotFound",
      },
    ]);
  });
});
