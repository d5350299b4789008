import { afterEach, describe, expect, it, vi } from "vitest";
import { createClusterWithDefinition, testNetwork } from "./ecs-test-runtime.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("deployment pacing", () => {
  it("launches at most tasksPerStep tasks per scheduler step", async () => {
    vi.useFakeTimers();
    const ecs = await createClusterWithDefinition({ stepDelayMs: 100, tasksPerStep: 1 });
    await ecs.call("CreateService", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      serviceName: "api",
      taskDefinition: "jwt",
      desiredCount: 3,
    });
    const created = () => ecs.runtime.state.tasks.size;
    expect(created()).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(created()).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(created()).toBe(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(created()).toBe(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(created()).toBe(3);
    const shutdown = ecs.runtime.shutdown();
    await vi.advanceTimersByTimeAsync(100);
    await shutdown;
  });
});
