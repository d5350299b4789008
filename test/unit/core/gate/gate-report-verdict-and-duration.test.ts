import { describe, expect, it } from "vitest";
import { handleEvent } from "../../../../lambda/core/handle-event.js";
import type { InvocationDeps } from "../../../../lambda/core/invocation-deps.js";
import { gateScenario, greenTask, hookPayload } from "./gate-harness.js";

async function decide(deps: InvocationDeps) {
  const result = await handleEvent(hookPayload(), deps);
  if (result.outcome !== "gated") throw new Error(`expected a gated result, got ${result.outcome}`);
  return result;
}

const stillStarting = [greenTask(1, { lastStatus: "PENDING" })];

describe("the gate's report: the service verdict and the run's duration", () => {
  it("reads wait while the gate waits for a starting task", async () => {
    const harness = gateScenario({ greenTasks: stillStarting });
    const { hook, reports } = await decide(harness.deps);
    expect(hook.hookStatus).toBe("IN_PROGRESS");
    expect(reports.map((report) => report.services[0]?.verdict)).toEqual(["wait"]);
  });

  it("reads wait when the open policy lets an unverified deployment through", async () => {
    const harness = gateScenario({
      greenTasks: stillStarting,
      config: { gate: { maxWaitSeconds: 60, callBackDelaySeconds: 10, onError: "open" } },
      now: new Date("2025-06-10T12:05:00Z"),
    });
    const { hook, reports } = await decide(harness.deps);
    expect(hook.hookStatus).toBe("SUCCEEDED");
    expect(harness.records[0]?.byPolicy).toBe(true);
    expect(reports.map((report) => report.services[0]?.verdict)).toEqual(["wait"]);
  });

  it("reads failed when the closed policy rolls an unverified deployment back", async () => {
    const harness = gateScenario({
      greenTasks: stillStarting,
      config: { gate: { maxWaitSeconds: 60, callBackDelaySeconds: 10, onError: "closed" } },
      now: new Date("2025-06-10T12:05:00Z"),
    });
    const { hook, reports } = await decide(harness.deps);
    expect(hook.hookStatus).toBe("FAILED");
    expect(harness.records[0]?.byPolicy).toBe(true);
    expect(reports.map((report) => report.services[0]?.verdict)).toEqual(["failed"]);
  });

  it("gives the run's duration as its finish less its start", async () => {
    const harness = gateScenario();
    const { reports } = await decide(harness.deps);
    const report = reports[0];
    if (!report) throw new Error("expected one report");
    const elapsed = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
    expect(elapsed).toBeGreaterThan(0);
    expect(report.durationMs).toBe(elapsed);
  });
});
