import { afterEach, describe, expect, it } from "vitest";
import { pruneStoppedTasks } from "../../../../fleet/ecs/prune-stopped-tasks.js";
import { createClusterWithDefinition, testNetwork, until } from "./ecs-test-runtime.js";

type TestEcs = Awaited<ReturnType<typeof createClusterWithDefinition>>;
let current: TestEcs | undefined;

afterEach(async () => {
  await current?.runtime.shutdown();
  current = undefined;
});

describe("stopped task retention", () => {
  it("forgets tasks stopped longer ago than the retention, keeping running and recent ones", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    const { tasks } = await ecs.call("RunTask", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      taskDefinition: "jwt",
      count: 2,
      tags: [{ key: "a", value: "b" }],
    });
    const [stopped, running] = tasks.map((task: { taskArn: string }) => task.taskArn) as [string, string];
    await ecs.call("StopTask", { cluster: "c1", task: stopped });
    await until(() => ecs.runtime.state.tasks.get(stopped)?.lastStatus === "STOPPED");
    const stoppedAt = ecs.runtime.state.tasks.get(stopped)?.stoppedAt ?? 0;
    expect(pruneStoppedTasks(ecs.runtime.state, stoppedAt + 1000, 5000)).toBe(0);
    expect(pruneStoppedTasks(ecs.runtime.state, stoppedAt + 6000, 5000)).toBe(1);
    expect(ecs.runtime.state.tasks.has(stopped)).toBe(false);
    expect(ecs.runtime.state.tags.has(stopped)).toBe(false);
    expect(ecs.runtime.state.tasks.has(running)).toBe(true);
  });
});
