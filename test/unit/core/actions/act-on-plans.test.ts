import { describe, expect, it } from "vitest";
import { actOnPlans, type PlannedService } from "../../../../lambda/core/actions/act-on-plans.js";
import { createFakeEcs } from "../fake-ports.js";

const redeploy = (serviceName: string): PlannedService => ({
  cluster: "orders-prod",
  serviceName,
  plan: { verdict: "redeploy", reason: "1 task(s) lag.", deploymentId: null },
});
const converged: PlannedService = {
  cluster: "orders-prod",
  serviceName: "orders-web",
  plan: { verdict: "converged", reason: "Every task holds AWSCURRENT.", deploymentId: null },
};

describe("actOnPlans", () => {
  it("forces redeploys in plan order up to the cap and caps the rest", async () => {
    const ecs = createFakeEcs({ clusters: {}, taskDefinitions: [] });
    const acted = await actOnPlans(ecs, [redeploy("a"), converged, redeploy("b"), redeploy("c")], {
      dryRun: false,
      maxRedeploysPerRun: 2,
      awsConcurrency: 2,
    });
    expect(acted.map((a) => a.action)).toEqual(["forced-deployment", "none", "forced-deployment", "capped"]);
    expect(ecs.forced.map((f) => f.service)).toEqual(["a", "b"]);
    expect(acted[3]?.reason).toContain("cap");
  });

  it("forces nothing in dry-run", async () => {
    const ecs = createFakeEcs({ clusters: {}, taskDefinitions: [] });
    const acted = await actOnPlans(ecs, [redeploy("a")], {
      dryRun: true,
      maxRedeploysPerRun: 25,
      awsConcurrency: 2,
    });
    expect(acted[0]).toMatchObject({ verdict: "redeploy", action: "dry-run" });
    expect(ecs.forced).toEqual([]);
  });
});
