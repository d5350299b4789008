import { describe, expect, it } from "vitest";
import type { HookResponse } from "../../../../lambda/core/gate/gate-types.js";
import { handleEvent } from "../../../../lambda/core/handle-event.js";
import type { ProbeRequest } from "../../../../lambda/core/ports.js";
import { secretArn } from "../builders.js";
import { acceptCurrentOnly, gateScenario, greenTask, hookPayload, revisionArn } from "./gate-harness.js";

async function decide(harness: ReturnType<typeof gateScenario>, payload = hookPayload()) {
  const result = await handleEvent(payload, harness.deps);
  if (result.outcome !== "gated") throw new Error(`expected a gated result, got ${result.outcome}`);
  return result;
}

function reasonOf(hook: HookResponse): string {
  return hook.hookDetails?.rolloutVerifierGateReason ?? "";
}

describe("the deployment gate", () => {
  it("passes a revision whose new tasks accept the current key and refuse forged tokens", async () => {
    const harness = gateScenario();
    const { hook, reports } = await decide(harness);
    expect(hook.hookStatus).toBe("SUCCEEDED");
    expect(hook.callBackDelay).toBeUndefined();
    expect(harness.revisionCalls).toEqual([revisionArn]);
    const probed = new Set(harness.probe.requests.map((request) => new URL(request.url).hostname));
    expect([...probed].sort()).toEqual(["10.0.2.1", "10.0.2.2"]);
    expect(reports[0]?.services[0]).toMatchObject({
      service: "orders-api",
      verdict: "converged",
      action: "none",
    });
    expect(reports[0]?.trigger.kind).toBe("lifecycle-hook");
    expect(harness.records[0]).toMatchObject({ hookStatus: "SUCCEEDED", byPolicy: false });
  });

  it("fails a revision pinned to AWSPREVIOUS and says which secret and pin", async () => {
    const harness = gateScenario({
      references: [
        {
          container: "orders-api",
          source: "secrets",
          name: "JWT_SIGNING_KEY",
          valueFrom: `${secretArn}:signingKey:AWSPREVIOUS:`,
        },
      ],
      answer: (request) =>
        request.authorization.startsWith("Bearer good.")
          ? { status: "rejected", url: request.url, httpStatus: 401 }
          : { status: "rejected", url: request.url, httpStatus: 401 },
    });
    const { hook, reports } = await decide(harness);
    expect(hook.hookStatus).toBe("FAILED");
    expect(reasonOf(hook)).toContain("pins prod/orders/jwt-signing-key to version stage AWSPREVIOUS");
    expect(reports[0]?.services[0]?.verdict).toBe("failed");
    expect(harness.logged.find((line) => line.message === "deployment gate decided")?.level).toBe("error");
  });

  it("fails a revision whose task accepts an alg none token, as a critical finding naming the task", async () => {
    const harness = gateScenario({
      answer: (request) =>
        request.authorization.startsWith("Bearer wrong.")
          ? { status: "rejected", url: request.url, httpStatus: 401 }
          : { status: "accepted", url: request.url, httpStatus: 200 },
    });
    const { hook, reports } = await decide(harness);
    expect(hook.hookStatus).toBe("FAILED");
    expect(reasonOf(hook)).toContain("alg: none");
    expect(harness.records[0]?.blocks).toContainEqual(
      expect.objectContaining({ taskArn: greenTask(1).taskArn, critical: true }),
    );
    expect(reports[0]?.securityFindings.map((finding) => finding.kind)).toEqual([
      "accepts-alg-none",
      "accepts-alg-none",
    ]);
  });

  it("fails a revision whose task rejects the current key and accepts the previous one, naming the task", async () => {
    const harness = gateScenario({
      answer: (request) =>
        new URL(request.url).hostname === "10.0.2.2"
          ? request.authorization.startsWith("Bearer previous.")
            ? { status: "accepted", url: request.url, httpStatus: 200 }
            : { status: "rejected", url: request.url, httpStatus: 401 }
          : acceptCurrentOnly(request),
    });
    const { hook } = await decide(harness);
    expect(hook.hookStatus).toBe("FAILED");
    expect(reasonOf(hook)).toContain(`task ${greenTask(2).taskArn.split("/").pop()}`);
  });

  it("waits with IN_PROGRESS while a new task is still starting, keeping its start in hookDetails", async () => {
    const harness = gateScenario({
      greenTasks: [greenTask(1), greenTask(2, { lastStatus: "PROVISIONING" })],
    });
    const { hook } = await decide(harness);
    expect(hook.hookStatus).toBe("IN_PROGRESS");
    expect(hook.callBackDelay).toBe(15);
    expect(hook.hookDetails?.rolloutVerifierGateStartedAt).toBe(greenTask(1).createdAt?.toISOString());
    expect(reasonOf(hook)).toContain("is PROVISIONING");
  });

  it("waits while a running new task does not answer its probe yet", async () => {
    const harness = gateScenario({
      answer: (request) =>
        new URL(request.url).hostname === "10.0.2.2"
          ? { status: "refused", url: request.url, detail: "ECONNREFUSED" }
          : acceptCurrentOnly(request),
    });
    expect((await decide(harness)).hook.hookStatus).toBe("IN_PROGRESS");
  });

  it("lets the deployment through by the open policy once the maximum wait is over, and records it", async () => {
    const harness = gateScenario({
      greenTasks: [greenTask(1, { lastStatus: "PENDING" })],
      config: { gate: { maxWaitSeconds: 60, callBackDelaySeconds: 10, onError: "open" } },
      now: new Date("2025-06-10T12:05:00Z"),
    });
    const { hook } = await decide(harness);
    expect(hook.hookStatus).toBe("SUCCEEDED");
    expect(harness.records[0]).toMatchObject({ byPolicy: true, verdict: "SUCCEEDED" });
  });

  it("rolls back by the closed policy once the maximum wait is over", async () => {
    const harness = gateScenario({
      greenTasks: [greenTask(1, { lastStatus: "PENDING" })],
      config: { gate: { maxWaitSeconds: 60, callBackDelaySeconds: 10, onError: "closed" } },
      now: new Date("2025-06-10T12:05:00Z"),
    });
    expect((await decide(harness)).hook.hookStatus).toBe("FAILED");
  });

  it("passes at once a revision that reads no watched secret, without a Secrets Manager call or a probe", async () => {
    const harness = gateScenario({ references: [] });
    const { hook, reports } = await decide(harness);
    expect(hook.hookStatus).toBe("SUCCEEDED");
    expect(reasonOf(hook)).toContain("reads no watched secret");
    expect(reports).toEqual([]);
    expect(harness.secrets.calls).toEqual([]);
    expect(harness.probe.requests).toEqual([]);
  });

  it("answers a failed AWS call by the open policy: SUCCEEDED, logged as an error with its code", async () => {
    const harness = gateScenario({ failRevisions: true });
    const { hook } = await decide(harness);
    expect(hook.hookStatus).toBe("SUCCEEDED");
    expect(harness.records[0]).toMatchObject({ byPolicy: true, error: { code: "AWS_CALL_FAILED" } });
    expect(harness.logged.find((line) => line.message === "deployment gate decided")?.level).toBe("error");
  });

  it("answers a failed AWS call by the closed policy: FAILED", async () => {
    const harness = gateScenario({
      failRevisions: true,
      config: { gate: { maxWaitSeconds: 300, callBackDelaySeconds: 15, onError: "closed" } },
    });
    expect((await decide(harness)).hook.hookStatus).toBe("FAILED");
  });

  it("lets one service fail closed through its hook's hookDetails while the function fails open", async () => {
    const closed = hookPayload((payload) => {
      payload.hookDetails = { onError: "closed", maxWaitSeconds: 60 };
    });
    expect((await decide(gateScenario({ failRevisions: true }), closed)).hook.hookStatus).toBe("FAILED");
  });

  it("ignores an unusable hookDetails override rather than failing the deployment", async () => {
    const typo = hookPayload((payload) => {
      payload.hookDetails = { onError: "clsoed", maxWaitSeconds: "soon" };
    });
    expect((await decide(gateScenario({ failRevisions: true }), typo)).hook.hookStatus).toBe("SUCCEEDED");
  });

  it("answers by policy when its time limit runs out", async () => {
    const harness = gateScenario({ timeLimitMs: 0 });
    const { hook } = await decide(harness);
    expect(hook.hookStatus).toBe("SUCCEEDED");
    expect(harness.records[0]?.error?.code).toBe("GATE_TIME_LIMIT");
  });

  it("never blocks another stage, a rollback's traffic shifts included, and makes no AWS call there", async () => {
    const harness = gateScenario();
    const { hook } = await decide(
      harness,
      hookPayload((payload) => {
        payload.lifecycleStage = "PRODUCTION_TRAFFIC_SHIFT";
      }),
    );
    expect(hook.hookStatus).toBe("SUCCEEDED");
    expect(harness.revisionCalls).toEqual([]);
    expect(harness.ecs.calls).toEqual([]);
  });

  it("lets a deployment on a cluster it does not watch through with no AWS call, and logs why", async () => {
    const harness = gateScenario({
      config: { clusters: ["payments-prod", "arn:aws:ecs:eu-west-1:123456789012:cluster/billing"] },
    });
    const { hook, reports } = await decide(harness);
    expect(hook.hookStatus).toBe("SUCCEEDED");
    expect(reasonOf(hook)).toBe(
      "Cluster orders-prod is not among the verifier's watched clusters (payments-prod, billing): the gate does not verify its services and lets the deployment go on, with no AWS call.",
    );
    expect(harness.revisionCalls).toEqual([]);
    expect(harness.ecs.calls).toEqual([]);
    expect(harness.secrets.calls).toEqual([]);
    expect(harness.probe.requests).toEqual([]);
    expect(reports).toEqual([]);
    const line = harness.logged.find((entry) => entry.message === "deployment gate decided");
    expect(line).toMatchObject({
      level: "info",
      attributes: { hookStatus: "SUCCEEDED", byPolicy: false, reason: reasonOf(hook) },
    });
  });

  it("verifies a deployment on a watched cluster, named or by ARN", async () => {
    for (const watched of ["orders-prod", "arn:aws:ecs:eu-west-1:123456789012:cluster/orders-prod"]) {
      const harness = gateScenario({ config: { clusters: [watched] } });
      const { hook } = await decide(harness);
      expect(hook.hookStatus).toBe("SUCCEEDED");
      expect(harness.revisionCalls).toEqual([revisionArn]);
      expect(harness.probe.requests.length).toBeGreaterThan(0);
    }
  });

  describe("green tasks: created at or after the service deployment started", () => {
    /** Two tasks on the target task definition from before the deployment (a forceNewDeployment's blue side). */
    const blueOnSameRevision = [3, 4].map((n) =>
      greenTask(n, {
        taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/blue${n}00000000000000000000000000000`,
        startedBy: "ecs-svc/1110000000000000001",
        createdAt: new Date("2025-05-30T08:00:00Z"),
        startedAt: new Date("2025-05-30T08:00:20Z"),
        privateIpv4Address: `10.0.3.${n}`,
      }),
    );
    /** The blue tasks started before the rotation: they hold AWSPREVIOUS and would be judged stale. */
    const blueHoldsPrevious = (request: ProbeRequest) =>
      new URL(request.url).hostname.startsWith("10.0.3.")
        ? request.authorization.startsWith("Bearer previous.")
          ? { status: "accepted" as const, url: request.url, httpStatus: 200 }
          : { status: "rejected" as const, url: request.url, httpStatus: 401 }
        : acceptCurrentOnly(request);
    const deploymentArn =
      "arn:aws:ecs:eu-west-1:123456789012:service-deployment/orders-prod/orders-api/EZe5RNVLH6PPzHXINuP28";

    it("judges only the redeploy's new tasks, not blue tasks on the same task definition, and says which rule chose them", async () => {
      const harness = gateScenario({ otherTasks: blueOnSameRevision, answer: blueHoldsPrevious });
      const { hook, reports } = await decide(harness);
      expect(hook.hookStatus).toBe("SUCCEEDED");
      expect(harness.deploymentCalls).toEqual([deploymentArn]);
      const probed = new Set(harness.probe.requests.map((request) => new URL(request.url).hostname));
      expect([...probed].sort()).toEqual(["10.0.2.1", "10.0.2.2"]);
      const rule =
        "tasks on orders-api:43 created at or after service deployment EZe5RNVLH6PPzHXINuP28 started at 2025-06-10T12:00:00.000Z";
      expect(harness.records[0]?.greenRule).toBe(rule);
      expect(reports[0]?.services[0]?.reason).toContain(`Green tasks: ${rule}.`);
      expect(reports[0]?.services[0]?.tasks.map((task) => task.taskArn)).toEqual([
        greenTask(1).taskArn,
        greenTask(2).taskArn,
      ]);
    });

    it("fails the same redeploy when the deployment started before the blue tasks, so the rule is what spares them", async () => {
      const harness = gateScenario({
        otherTasks: blueOnSameRevision,
        answer: blueHoldsPrevious,
        deploymentStartedAt: new Date("2025-05-01T00:00:00Z"),
      });
      const { hook } = await decide(harness);
      expect(hook.hookStatus).toBe("FAILED");
      expect(reasonOf(hook)).toContain("blue3");
    });

    it("dates a deployment that has not started by its creation, and says so", async () => {
      const harness = gateScenario({ deploymentStartedAt: null });
      const { hook } = await decide(harness);
      expect(hook.hookStatus).toBe("SUCCEEDED");
      expect(harness.records[0]?.greenRule).toBe(
        "tasks on orders-api:43 created at or after service deployment EZe5RNVLH6PPzHXINuP28 was created (not started yet) at 2025-06-10T12:00:00.000Z",
      );
    });

    it("answers a failed DescribeServiceDeployments by the failure policy, naming the call", async () => {
      const open = gateScenario({ failDeployments: true });
      const { hook } = await decide(open);
      expect(hook.hookStatus).toBe("SUCCEEDED");
      expect(reasonOf(hook)).toMatch(/could not verify \(AWS_CALL_FAILED: DescribeServiceDeployments/);
      expect(open.records[0]).toMatchObject({ byPolicy: true, error: { code: "AWS_CALL_FAILED" } });
      expect(open.probe.requests).toEqual([]);
      const closed = gateScenario({
        failDeployments: true,
        config: { gate: { maxWaitSeconds: 300, callBackDelaySeconds: 15, onError: "closed" } },
      });
      expect((await decide(closed)).hook.hookStatus).toBe("FAILED");
    });

    it("answers by the failure policy when the payload names no service deployment", async () => {
      const harness = gateScenario();
      const { hook } = await decide(
        harness,
        hookPayload((payload) => {
          delete payload.resourceArn;
        }),
      );
      expect(hook.hookStatus).toBe("SUCCEEDED");
      expect(reasonOf(hook)).toContain("names no service deployment (resourceArn)");
      expect(harness.records[0]?.byPolicy).toBe(true);
      expect(harness.deploymentCalls).toEqual([]);
      expect(harness.probe.requests).toEqual([]);
    });
  });

  it("in dry-run reports what it would have failed but lets the deployment through", async () => {
    const harness = gateScenario({
      config: { dryRun: true },
      answer: (request) => ({ status: "accepted", url: request.url, httpStatus: 200 }),
    });
    const { hook } = await decide(harness);
    expect(hook.hookStatus).toBe("SUCCEEDED");
    expect(reasonOf(hook)).toMatch(/^Dry-run: the gate would have failed/);
    expect(harness.records[0]).toMatchObject({ hookStatus: "SUCCEEDED", verdict: "FAILED" });
  });
});
