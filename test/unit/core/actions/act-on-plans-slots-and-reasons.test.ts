import { describe, expect, it } from "vitest";
import { actOnPlans } from "../../../../lambda/core/actions/act-on-plans.js";
import type { PlannedService } from "../../../../lambda/core/judgement/plan-service.js";
import { createGapLog } from "../../../../lambda/core/report/gap-log.js";
import { aService, clusterArn, cutover } from "../builders.js";
import { createFakeEcs } from "../fake-ports.js";

const lagging = "1 task(s) lag.";
const redeploy = (serviceName: string | null): PlannedService => ({
  cluster: clusterArn,
  serviceName,
  plan: { verdict: "redeploy", reason: lagging, deploymentId: null },
});
const converged: PlannedService = {
  cluster: clusterArn,
  serviceName: "orders-web",
  plan: { verdict: "converged", reason: "Every task holds AWSCURRENT.", deploymentId: null },
};

function fleetOf(names: readonly string[]) {
  const services = names.map((name) =>
    aService({
      serviceName: name,
      serviceArn: `arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/${name}`,
    }),
  );
  return createFakeEcs({ clusters: { [clusterArn]: { services, tasks: [] } }, taskDefinitions: [] });
}

const policy = { dryRun: false, maxRedeploysPerRun: 25, awsConcurrency: 2, cutover };

describe("actOnPlans: the slots, and what each service's reason says", () => {
  it("forces nothing when the deployments in flight could not be counted, and says the cap could not be kept", async () => {
    const ecs = fleetOf(["a", "b"]);
    const acted = await actOnPlans(ecs, [redeploy("a"), redeploy("b")], { ...policy, inFlight: null });
    expect(ecs.forced).toEqual([]);
    expect(acted.map((service) => service.action)).toEqual(["capped", "capped"]);
    expect(acted[0]?.reason).toBe(
      `${lagging} Not forced: the secret's deployments in flight could not be counted just before acting (see the report's gaps), so the cap could not be kept; the next run decides.`,
    );
  });

  it("gives no slot to a redeploy plan without a service (standalone tasks): the next service gets it", async () => {
    const ecs = fleetOf(["a"]);
    const gaps = createGapLog();
    const acted = await actOnPlans(ecs, [redeploy(null), redeploy("a")], {
      ...policy,
      maxRedeploysPerRun: 1,
      gaps,
    });
    expect(acted.map((service) => service.action)).toEqual(["none", "forced-deployment"]);
    expect(acted[0]).toEqual({ verdict: "redeploy", action: "none", reason: lagging, deploymentId: null });
    expect(ecs.forced.map((force) => force.service)).toEqual(["a"]);
    expect(gaps.gaps).toEqual([]);
  });

  it("says in a dry-run service's reason that no deployment was forced", async () => {
    const ecs = fleetOf(["a"]);
    const acted = await actOnPlans(ecs, [redeploy("a")], { ...policy, dryRun: true });
    expect(acted[0]?.reason).toBe(`${lagging} Dry-run: no deployment was forced.`);
  });

  it("adds the cap's note to capped services only, never to a service with nothing to do", async () => {
    const ecs = fleetOf(["a", "b", "orders-web"]);
    const acted = await actOnPlans(ecs, [converged, redeploy("a"), redeploy("b")], {
      ...policy,
      maxRedeploysPerRun: 1,
    });
    expect(acted.map((service) => service.action)).toEqual(["none", "forced-deployment", "capped"]);
    expect(acted[0]).toEqual({ ...converged.plan, action: "none" });
    expect(acted[2]?.reason).toContain("(0 already rolling, 1 forced by this run)");
  });

  it("records a run out of time as a deployment gap with no task named", async () => {
    const ecs = fleetOf(["a"]);
    const gaps = createGapLog();
    await actOnPlans(ecs, [redeploy("a")], { ...policy, gaps, outOfTime: () => true });
    expect(gaps.gaps).toEqual([
      {
        scope: "deployment",
        cluster: "orders-prod",
        resource: "a",
        operation: "UpdateService",
        errorCode: "RunDeadlineReached",
        detail: "the run's time budget ran out before this service could be forced: the next run decides.",
        taskArns: [],
      },
    ]);
  });
});
