import { describe, expect, it } from "vitest";
import { handleEvent } from "../../../../lambda/core/handle-event.js";
import type { GateSupport, InvocationDeps } from "../../../../lambda/core/invocation-deps.js";
import { secretArn } from "../builders.js";
import { gateScenario, greenTask, hookPayload } from "./gate-harness.js";

async function decide(deps: InvocationDeps, payload = hookPayload()) {
  const result = await handleEvent(payload, deps);
  if (result.outcome !== "gated") throw new Error(`expected a gated result, got ${result.outcome}`);
  return result;
}

/** The harness's deps with the gate's support changed. */
function withGate(harness: ReturnType<typeof gateScenario>, change: Partial<GateSupport>): InvocationDeps {
  const gate = harness.deps.gate;
  if (!gate) throw new Error("the harness wires a gate");
  return { ...harness.deps, gate: { ...gate, ...change } };
}

const pinnedToPrevious = {
  references: [
    {
      container: "orders-api",
      source: "secrets" as const,
      name: "JWT_SIGNING_KEY",
      valueFrom: `${secretArn}:signingKey:AWSPREVIOUS:`,
    },
  ],
};

describe("the gate's answer, record and log line", () => {
  it("records a stage it does not verify as a plain SUCCEEDED, not a policy answer, logged as info", async () => {
    const harness = gateScenario();
    await decide(
      harness.deps,
      hookPayload((payload) => {
        payload.lifecycleStage = "TEST_TRAFFIC_SHIFT";
      }),
    );
    expect(harness.records[0]).toMatchObject({ hookStatus: "SUCCEEDED", byPolicy: false });
    expect(harness.logged.find((line) => line.message === "deployment gate decided")?.level).toBe("info");
  });

  it("verifies a cluster that is one of several watched ones", async () => {
    const harness = gateScenario({ config: { clusters: ["payments-prod", "orders-prod", "billing"] } });
    const { hook } = await decide(harness.deps);
    expect(hook.hookStatus).toBe("SUCCEEDED");
    expect(hook.hookDetails?.rolloutVerifierGateReason).toBe(
      "2 new task(s) hold AWSCURRENT of prod/orders/jwt-signing-key and refused forged tokens.",
    );
    expect(harness.probe.requests.length).toBeGreaterThan(0);
  });

  it("logs a failing decision as an error carrying the whole record: verdict, reason and blocking tasks", async () => {
    const harness = gateScenario(pinnedToPrevious);
    const { hook } = await decide(harness.deps);
    expect(hook.hookStatus).toBe("FAILED");
    const line = harness.logged.find((entry) => entry.message === "deployment gate decided");
    expect(line?.level).toBe("error");
    expect(harness.records).toHaveLength(1);
    expect(line?.attributes).toEqual({ ...harness.records[0] });
    expect(line?.attributes).toMatchObject({ hookStatus: "FAILED", verdict: "FAILED", byPolicy: false });
    expect(harness.records[0]?.blocks.length).toBeGreaterThan(0);
  });

  it("in dry-run answers a passing deployment as it is, with no 'would have failed'", async () => {
    const harness = gateScenario({ config: { dryRun: true } });
    const { hook } = await decide(harness.deps);
    expect(hook.hookStatus).toBe("SUCCEEDED");
    expect(hook.hookDetails?.rolloutVerifierGateReason).toBe(
      "2 new task(s) hold AWSCURRENT of prod/orders/jwt-signing-key and refused forged tokens.",
    );
  });

  it("in dry-run still waits with IN_PROGRESS while a new task is starting", async () => {
    const harness = gateScenario({
      config: { dryRun: true },
      greenTasks: [greenTask(1), greenTask(2, { lastStatus: "PROVISIONING" })],
    });
    const { hook } = await decide(harness.deps);
    expect(hook.hookStatus).toBe("IN_PROGRESS");
    expect(hook.callBackDelay).toBe(15);
    expect(harness.records[0]).toMatchObject({ hookStatus: "IN_PROGRESS", verdict: "IN_PROGRESS" });
  });

  it("records the callback delay of an IN_PROGRESS answer, and none on a final answer", async () => {
    const waiting = gateScenario({ greenTasks: [greenTask(1), greenTask(2, { lastStatus: "PENDING" })] });
    await decide(waiting.deps);
    expect(waiting.records[0]?.callBackDelay).toBe(15);
    const passed = gateScenario();
    await decide(passed.deps);
    expect(passed.records[0]?.hookStatus).toBe("SUCCEEDED");
    expect(Object.keys(passed.records[0] ?? {})).not.toContain("callBackDelay");
  });
});

describe("the reason ECS is given: at most 1000 characters", () => {
  /** A watched-cluster list that makes the unwatched-cluster reason exactly `length` characters long. */
  function clustersForReasonOf(length: number): string[] {
    const fixed =
      "Cluster orders-prod is not among the verifier's watched clusters (payments-prod, ): the gate does not verify its services and lets the deployment go on, with no AWS call.";
    return ["payments-prod", "p".repeat(length - fixed.length)];
  }

  it("passes a reason of exactly 1000 characters whole", async () => {
    const harness = gateScenario({ config: { clusters: clustersForReasonOf(1000) } });
    const { hook } = await decide(harness.deps);
    const reason = hook.hookDetails?.rolloutVerifierGateReason ?? "";
    expect(reason).toHaveLength(1000);
    expect(reason).toBe(harness.records[0]?.reason);
    expect(reason.endsWith("with no AWS call.")).toBe(true);
  });

  it("cuts a longer reason to its first 997 characters and '...', keeping it whole in the record", async () => {
    const harness = gateScenario({ config: { clusters: clustersForReasonOf(1001) } });
    const { hook } = await decide(harness.deps);
    const full = harness.records[0]?.reason ?? "";
    expect(full).toHaveLength(1001);
    expect(hook.hookDetails?.rolloutVerifierGateReason).toBe(`${full.slice(0, 997)}...`);
  });
});

describe("the gate's time limit", () => {
  it("arms no timer when it has no time limit (a timer of Infinity ms fires at once in Node)", async () => {
    const harness = gateScenario();
    const asked: number[] = [];
    const deps = withGate(harness, {
      timeLimitMs: () => Number.POSITIVE_INFINITY,
      sleep: async (ms) => {
        asked.push(ms);
      },
    });
    const { hook } = await decide(deps);
    expect(asked).toEqual([]);
    expect(hook.hookStatus).toBe("SUCCEEDED");
    expect(harness.records[0]?.error).toBeUndefined();
  });

  it("waits out the time left, then decides normally when the checks finish first", async () => {
    const harness = gateScenario();
    const asked: number[] = [];
    const deps = withGate(harness, {
      timeLimitMs: () => 5_000,
      sleep: (ms) => {
        asked.push(ms);
        return new Promise(() => undefined);
      },
    });
    const { hook } = await decide(deps);
    expect(asked).toEqual([5_000]);
    expect(hook.hookStatus).toBe("SUCCEEDED");
    expect(harness.records[0]?.error).toBeUndefined();
  });

  it("never asks for a negative sleep when the time is already up", async () => {
    const harness = gateScenario();
    const asked: number[] = [];
    const deps = withGate(harness, {
      timeLimitMs: () => -250,
      sleep: async (ms) => {
        asked.push(ms);
      },
    });
    await decide(deps);
    expect(asked).toEqual([0]);
    expect(harness.records[0]?.error).toMatchObject({
      code: "GATE_TIME_LIMIT",
      message: "the gate did not decide within its time limit of -250 ms",
    });
  });
});
