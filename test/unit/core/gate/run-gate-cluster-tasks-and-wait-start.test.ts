import { describe, expect, it } from "vitest";
import { handleEvent } from "../../../../lambda/core/handle-event.js";
import type { GateSupport, InvocationDeps } from "../../../../lambda/core/invocation-deps.js";
import type { EcsPort } from "../../../../lambda/core/ports.js";
import { clusterArn } from "../builders.js";
import { acceptCurrentOnly, gateScenario, greenTask, hookPayload } from "./gate-harness.js";

async function decide(deps: InvocationDeps, payload = hookPayload()) {
  const result = await handleEvent(payload, deps);
  if (result.outcome !== "gated") throw new Error(`expected a gated result, got ${result.outcome}`);
  return result;
}

function gateOf(harness: ReturnType<typeof gateScenario>): GateSupport {
  const gate = harness.deps.gate;
  if (!gate) throw new Error("the harness wires a gate");
  return gate;
}

const listCall = (cluster: string) => `ListTasks ${cluster} {"serviceName":"orders-api"}`;

describe("runGate: the cluster, the service's tasks, and when the wait began", () => {
  it("passes a revision that reads no watched secret as a plain SUCCEEDED, not a policy answer", async () => {
    const harness = gateScenario({ references: [] });
    await decide(harness.deps);
    expect(harness.records[0]).toMatchObject({ hookStatus: "SUCCEEDED", byPolicy: false });
    expect(harness.logged.find((line) => line.message === "deployment gate decided")?.level).toBe("info");
  });

  it("asks ECS in the revision's own cluster ARN", async () => {
    const harness = gateScenario();
    await decide(harness.deps);
    expect(harness.ecs.calls).toContain(listCall(clusterArn));
  });

  it("falls back to the hook's cluster name when the revision names no cluster", async () => {
    const harness = gateScenario();
    const gate = gateOf(harness);
    const deps: InvocationDeps = {
      ...harness.deps,
      gate: {
        ...gate,
        revisions: {
          ...gate.revisions,
          describeServiceRevision: async (arn) => ({
            ...(await gate.revisions.describeServiceRevision(arn)),
            clusterArn: "",
          }),
        },
      },
    };
    const { hook } = await decide(deps);
    expect(hook.hookStatus).toBe("SUCCEEDED");
    expect(harness.records[0]?.byPolicy).toBe(false);
    expect(harness.ecs.calls).toContain(listCall("orders-prod"));
  });

  it("judges only the gated service's tasks, not another service's tasks on the same task definition", async () => {
    const worker = greenTask(5, {
      taskArn: "arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/worker50000000000000000000000000",
      group: "service:orders-worker",
      privateIpv4Address: "10.0.4.5",
    });
    const harness = gateScenario({
      otherTasks: [worker],
      answer: (request) =>
        new URL(request.url).hostname === "10.0.4.5"
          ? { status: "rejected", url: request.url, httpStatus: 401 }
          : acceptCurrentOnly(request),
    });
    const { hook } = await decide(harness.deps);
    expect(hook.hookStatus).toBe("SUCCEEDED");
    const probed = new Set(harness.probe.requests.map((request) => new URL(request.url).hostname));
    expect([...probed].sort()).toEqual(["10.0.2.1", "10.0.2.2"]);
  });

  it("makes no DescribeTasks call when the service lists no task (ECS refuses an empty list), and waits", async () => {
    const harness = gateScenario();
    const ecs: EcsPort = { ...harness.ecs, listTasks: async () => [] };
    const { hook } = await decide({ ...harness.deps, ecs });
    expect(harness.ecs.calls.filter((call) => call.startsWith("DescribeTasks"))).toEqual([]);
    expect(hook.hookStatus).toBe("IN_PROGRESS");
    expect(harness.records[0]?.error).toBeUndefined();
  });

  it("counts the wait from the start an earlier IN_PROGRESS answer left in hookDetails", async () => {
    const harness = gateScenario({
      greenTasks: [greenTask(1), greenTask(2, { lastStatus: "PROVISIONING" })],
    });
    const { hook } = await decide(
      harness.deps,
      hookPayload((payload) => {
        payload.hookDetails = { rolloutVerifierGateStartedAt: "2025-06-10T11:58:00.000Z" };
      }),
    );
    expect(hook.hookStatus).toBe("IN_PROGRESS");
    expect(hook.hookDetails?.rolloutVerifierGateStartedAt).toBe("2025-06-10T11:58:00.000Z");
  });

  it("ends the wait by policy once the maximum wait has passed since that recorded start", async () => {
    const harness = gateScenario({
      greenTasks: [greenTask(1, { lastStatus: "PENDING" })],
      config: { gate: { maxWaitSeconds: 120, callBackDelaySeconds: 10, onError: "closed" } },
    });
    const { hook } = await decide(
      harness.deps,
      hookPayload((payload) => {
        payload.hookDetails = { rolloutVerifierGateStartedAt: "2025-06-10T11:55:00.000Z" };
      }),
    );
    expect(hook.hookStatus).toBe("FAILED");
    expect(harness.records[0]?.byPolicy).toBe(true);
  });

  it("ignores a recorded start that is not a time, and counts from the oldest green task", async () => {
    const harness = gateScenario({
      greenTasks: [greenTask(1), greenTask(2, { lastStatus: "PROVISIONING" })],
    });
    const { hook } = await decide(
      harness.deps,
      hookPayload((payload) => {
        payload.hookDetails = { rolloutVerifierGateStartedAt: "yesterday-ish" };
      }),
    );
    expect(hook.hookStatus).toBe("IN_PROGRESS");
    expect(hook.hookDetails?.rolloutVerifierGateStartedAt).toBe(greenTask(1).createdAt?.toISOString());
  });
});
