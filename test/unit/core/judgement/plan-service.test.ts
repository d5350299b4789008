import { describe, expect, it } from "vitest";
import { planService } from "../../../../lambda/core/judgement/plan-service.js";
import type { CutoverWindow } from "../../../../lambda/core/secret/cutover-window.js";
import type { ServiceSnapshot } from "../../../../lambda/core/snapshots.js";
import { aDeployment, aService, cutover } from "../builders.js";

const window: CutoverWindow = { earliest: cutover, latest: cutover, source: "event" };
const afterCutover = new Date("2025-06-01T03:15:10Z");
const now = new Date("2025-06-01T03:16:00Z");
const context = { window, now };

function planFor(service: ServiceSnapshot, verdicts: Parameters<typeof planService>[1], optedOut = false) {
  return planService({ kind: "service", service, optedOut }, verdicts, context);
}

function withNewDeployment(overrides: Parameters<typeof aDeployment>[0]): ServiceSnapshot {
  return aService({
    deployments: [
      aDeployment({ id: "ecs-svc/new", createdAt: afterCutover, rolloutState: "IN_PROGRESS", ...overrides }),
      aDeployment({ status: "ACTIVE" }),
    ],
  });
}

describe("planService", () => {
  it("converges when every task is current", () => {
    expect(planFor(aService(), ["current", "current"]).verdict).toBe("converged");
  });

  it("converges with no running tasks at all", () => {
    expect(planFor(aService(), []).verdict).toBe("converged");
  });

  it("redeploys when a task is stale and no deployment started after the cut-over", () => {
    expect(planFor(aService(), ["stale", "current"])).toMatchObject({
      verdict: "redeploy",
      deploymentId: null,
    });
  });

  it("never forces a deployment on unknown or unreachable tasks alone, and says so", () => {
    for (const verdict of ["unknown", "unreachable"] as const) {
      const plan = planFor(aService(), ["current", verdict]);
      expect(plan.verdict).toBe("blocked");
      expect(plan.reason).toContain("forces deployments only on stale evidence");
    }
    expect(planFor(aService(), ["stale", "unknown"]).verdict).toBe("redeploy");
  });

  it("does not blame a completed post-cut-over deployment for tasks that are only unknown", () => {
    const plan = planFor(withNewDeployment({ rolloutState: "COMPLETED" }), ["unknown", "unknown"]);
    expect(plan.verdict).toBe("blocked");
    expect(plan.reason).not.toContain("still");
  });

  it("waits on a deployment created after the cut-over that is still in progress", () => {
    expect(planFor(withNewDeployment({}), ["stale"])).toMatchObject({
      verdict: "wait",
      deploymentId: "ecs-svc/new",
    });
  });

  it("waits when the only laggards are tasks not yet RUNNING", () => {
    expect(planFor(aService(), ["current", "pending"]).verdict).toBe("wait");
  });

  it("never forces a second time: a completed post-cut-over deployment with stale tasks left is failed", () => {
    const plan = planFor(withNewDeployment({ rolloutState: "COMPLETED" }), ["stale"]);
    expect(plan).toMatchObject({ verdict: "failed", deploymentId: "ecs-svc/new" });
    expect(plan.reason).toContain("will not force again");
  });

  it("fails when a post-cut-over deployment FAILED or is rolling back", () => {
    expect(planFor(withNewDeployment({ rolloutState: "FAILED" }), ["stale"]).verdict).toBe("failed");
    const rollingBack = withNewDeployment({
      rolloutStateReason:
        "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/3906114290781447325",
    });
    expect(planFor(rollingBack, ["stale"]).verdict).toBe("failed");
    expect(planFor(rollingBack, ["stale"]).reason).toContain("rolled back");
  });

  it("treats a newest deployment without rolloutState as rolling while older deployments remain", () => {
    expect(planFor(withNewDeployment({ rolloutState: undefined }), ["stale"]).verdict).toBe("wait");
  });

  it("blocks pinned tasks and says exactly what to do", () => {
    expect(planFor(aService(), ["pinned", "current"])).toMatchObject({
      verdict: "blocked",
      reason: expect.stringContaining(
        "register a task definition revision whose valueFrom does not pin a version, then update the service",
      ),
    });
  });

  it("blocks CODE_DEPLOY and EXTERNAL controllers, pointing at that controller", () => {
    for (const deploymentController of ["CODE_DEPLOY", "EXTERNAL"] as const) {
      const plan = planFor(aService({ deploymentController }), ["stale"]);
      expect(plan.verdict).toBe("blocked");
      expect(plan.reason).toContain("start a new deployment through that controller");
    }
  });

  it("escalates a post-cut-over deployment still rolling after an hour as stuck, and forces nothing", () => {
    const service = withNewDeployment({});
    const hourLater = new Date(afterCutover.getTime() + 61 * 60_000);
    const stuck = planService({ kind: "service", service, optedOut: false }, ["stale"], {
      window,
      now: hourLater,
    });
    expect(stuck.verdict).toBe("failed");
    expect(stuck.reason).toContain("still rolling after 61 minutes");
    expect(stuck.deploymentId).toBe("ecs-svc/new");
    expect(planFor(service, ["stale"]).verdict).toBe("wait");
  });

  it("blocks a service without the required redeploy tag and allows one that has it", () => {
    const tag = { key: "rollout-verifier:redeploy", value: "true" };
    const untagged = planService({ kind: "service", service: aService(), optedOut: false }, ["stale"], {
      ...context,
      redeployTag: tag,
    });
    const tagged = planService(
      {
        kind: "service",
        service: aService({ tags: { "rollout-verifier:redeploy": "true" } }),
        optedOut: false,
      },
      ["stale"],
      { ...context, redeployTag: tag },
    );
    expect([untagged.verdict, tagged.verdict]).toEqual(["blocked", "redeploy"]);
  });

  it.each(["false", "TRUE", ""])("never forces a service tagged rollout-verifier:redeploy=%j", (value) => {
    const tag = { key: "rollout-verifier:redeploy", value: "true" };
    const plan = planService(
      {
        kind: "service",
        service: aService({ tags: { "rollout-verifier:redeploy": value } }),
        optedOut: false,
      },
      ["stale"],
      { ...context, redeployTag: tag },
    );
    expect(plan.verdict).toBe("blocked");
    expect(plan.reason).toContain("rollout-verifier:redeploy=true");
  });

  it("blocks an opted-out service instead of forcing it", () => {
    expect(planFor(aService(), ["stale"], true).verdict).toBe("blocked");
  });

  it("blocks standalone tasks that lag and tells the operator to re-run them", () => {
    const plan = planService({ kind: "standalone", family: "orders-batch" }, ["stale"], context);
    expect(plan.verdict).toBe("blocked");
    expect(plan.reason).toContain("stop them and run them again");
    expect(planService({ kind: "standalone", family: "orders-batch" }, ["current"], context).verdict).toBe(
      "converged",
    );
  });
});

describe("planService: tasks that accept any token, and registry credentials", () => {
  it("never converges a service while a task accepts forged tokens, and says why", () => {
    const plan = planService(
      { kind: "service", service: aService(), optedOut: false },
      ["current", "current"],
      context,
      2,
    );
    expect(plan.verdict).toBe("blocked");
    expect(plan.reason).toContain("2 task(s) accept any token");
    expect(plan.reason).toContain("a redeploy does not fix that");
  });

  it("keeps a plan that rests on stale timestamps and adds the finding to its reason", () => {
    const plan = planService(
      { kind: "service", service: aService(), optedOut: false },
      ["stale", "current"],
      context,
      1,
    );
    expect(plan.verdict).toBe("redeploy");
    expect(plan.reason).toContain("Also: 1 task(s) accept any token");
  });

  it("blocks a standalone family whose tasks accept forged tokens", () => {
    expect(planService({ kind: "standalone", family: "batch" }, ["current"], context, 1).verdict).toBe(
      "blocked",
    );
  });

  it("converges a service whose tasks read the secret only as registry credentials, without claiming they hold it", () => {
    const plan = planFor(aService(), ["unaffected", "unaffected"]);
    expect(plan.verdict).toBe("converged");
    expect(plan.reason).toContain("only as registry credentials");
    expect(plan.reason).not.toContain("holds AWSCURRENT");
  });
});
