import { describe, expect, it } from "vitest";
import { actOnPlans } from "../../../../lambda/core/actions/act-on-plans.js";
import type { PlannedService } from "../../../../lambda/core/judgement/plan-service.js";
import { createGapLog } from "../../../../lambda/core/report/gap-log.js";
import { aDeployment, aService, clusterArn, cutover } from "../builders.js";
import { createFakeEcs, type FakeEcsOptions } from "../fake-ports.js";

const redeploy = (serviceName: string): PlannedService => ({
  cluster: clusterArn,
  serviceName,
  plan: { verdict: "redeploy", reason: "1 task(s) lag.", deploymentId: null },
});
const converged: PlannedService = {
  cluster: clusterArn,
  serviceName: "orders-web",
  plan: { verdict: "converged", reason: "Every task holds AWSCURRENT.", deploymentId: null },
};

function fleetOf(names: readonly string[], options: FakeEcsOptions = {}) {
  const services = names.map((name) =>
    aService({
      serviceName: name,
      serviceArn: `arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/${name}`,
    }),
  );
  return createFakeEcs({ clusters: { [clusterArn]: { services, tasks: [] } }, taskDefinitions: [] }, options);
}

const policy = { dryRun: false, maxRedeploysPerRun: 25, awsConcurrency: 2, cutover };

describe("actOnPlans", () => {
  it("forces redeploys in plan order up to the cap and caps the rest", async () => {
    const ecs = fleetOf(["a", "b", "c", "orders-web"]);
    const acted = await actOnPlans(ecs, [redeploy("a"), converged, redeploy("b"), redeploy("c")], {
      ...policy,
      maxRedeploysPerRun: 2,
    });
    expect(acted.map((a) => a.action)).toEqual(["forced-deployment", "none", "forced-deployment", "capped"]);
    expect(ecs.forced.map((f) => f.service)).toEqual(["a", "b"]);
    expect(acted[3]?.reason).toContain("cap");
  });

  it("forces only into the slots the deployments already in flight leave, and says capped services follow", async () => {
    const ecs = fleetOf(["a", "b", "c"]);
    const acted = await actOnPlans(ecs, [redeploy("a"), redeploy("b"), redeploy("c")], {
      ...policy,
      maxRedeploysPerRun: 2,
      inFlight: 1,
      followUpMinutesLeft: 55,
    });
    expect(acted.map((a) => a.action)).toEqual(["forced-deployment", "capped", "capped"]);
    expect(ecs.forced.map((f) => f.service)).toEqual(["a"]);
    expect(acted[1]?.reason).toContain("(1 already rolling, 1 forced by this run)");
    expect(acted[1]?.reason).toContain("forced as earlier deployments complete");
  });

  it("forces nothing while the cap's worth of deployments is in flight", async () => {
    const ecs = fleetOf(["a"]);
    const acted = await actOnPlans(ecs, [redeploy("a")], { ...policy, maxRedeploysPerRun: 2, inFlight: 2 });
    expect(acted[0]?.action).toBe("capped");
    expect(ecs.forced).toEqual([]);
  });

  it("forces nothing in dry-run", async () => {
    const ecs = fleetOf(["a"]);
    const acted = await actOnPlans(ecs, [redeploy("a")], { ...policy, dryRun: true });
    expect(acted[0]).toMatchObject({ verdict: "redeploy", action: "dry-run" });
    expect(ecs.forced).toEqual([]);
  });

  it("re-reads the service just before forcing and waits on a deployment someone else started after the cut-over", async () => {
    const ecs = fleetOf(["a"]);
    const services = ecs as unknown as { describeServices: typeof ecs.describeServices };
    const read = services.describeServices.bind(ecs);
    services.describeServices = async (cluster, names) =>
      (await read(cluster, names)).map((service) => ({
        ...service,
        deployments: [
          aDeployment({ id: "ecs-svc/by-the-cli", createdAt: new Date(cutover.getTime() + 5_000) }),
        ],
      }));
    const acted = await actOnPlans(ecs, [redeploy("a")], policy);
    expect(ecs.forced).toEqual([]);
    expect(acted[0]).toMatchObject({ verdict: "wait", action: "none", deploymentId: "ecs-svc/by-the-cli" });
  });

  it("accepts the deployment a lost UpdateService answer created, and never calls UpdateService twice", async () => {
    const ecs = fleetOf(["a"], { loseForceResponse: true });
    const acted = await actOnPlans(ecs, [redeploy("a")], policy);
    expect(ecs.forced).toHaveLength(1);
    expect(acted[0]).toMatchObject({ action: "forced-deployment", deploymentId: "ecs-svc/forced-1" });
  });

  it("reports a refused UpdateService as failed and records the gap", async () => {
    const ecs = fleetOf(["a"], { failForce: true });
    const gaps = createGapLog();
    const acted = await actOnPlans(ecs, [redeploy("a")], { ...policy, gaps });
    expect(acted[0]).toMatchObject({ verdict: "failed", action: "none", deploymentId: null });
    expect(gaps.gaps).toMatchObject([{ scope: "deployment", resource: "a" }]);
  });

  it("does not force when its deployments cannot be re-read", async () => {
    const ecs = fleetOf(["a"]);
    ecs.describeServices = async () => {
      throw new Error("ThrottlingException: Rate exceeded");
    };
    const gaps = createGapLog();
    const acted = await actOnPlans(ecs, [redeploy("a")], { ...policy, gaps });
    expect(ecs.forced).toEqual([]);
    expect(acted[0]).toMatchObject({ verdict: "redeploy", action: "none" });
    expect(gaps.gaps).toHaveLength(1);
  });

  it("forces nothing once the run is out of time, and says so", async () => {
    const ecs = fleetOf(["a"]);
    const gaps = createGapLog();
    const acted = await actOnPlans(ecs, [redeploy("a")], { ...policy, gaps, outOfTime: () => true });
    expect(ecs.forced).toEqual([]);
    expect(acted[0]?.reason).toContain("time budget");
    expect(gaps.gaps).toMatchObject([{ scope: "deployment", errorCode: "RunDeadlineReached" }]);
  });
});
