import { afterEach, describe, expect, it } from "vitest";
import type { TaskRecord } from "../../../../fleet/ecs/ecs-state.js";
import { createClusterWithDefinition, testNetwork, until } from "./ecs-test-runtime.js";

type TestEcs = Awaited<ReturnType<typeof createClusterWithDefinition>>;
let current: TestEcs | undefined;

afterEach(async () => {
  await current?.runtime.shutdown();
  current = undefined;
});

async function setUp(options?: Parameters<typeof createClusterWithDefinition>[0]) {
  current = await createClusterWithDefinition(options);
  return current;
}

function serviceTasks(ecs: TestEcs): TaskRecord[] {
  return [...ecs.runtime.state.tasks.values()].filter((task) => task.group === "service:api");
}

function running(ecs: TestEcs): TaskRecord[] {
  return serviceTasks(ecs).filter(
    (task) => task.lastStatus === "RUNNING" && task.desiredStatus === "RUNNING",
  );
}

async function steady(ecs: TestEcs) {
  await until(() => {
    const service = [...ecs.runtime.state.services.values()][0];
    return service?.deployments.length === 1 && service.deployments[0]?.rolloutState === "COMPLETED";
  });
}

describe("service scheduler", () => {
  it("starts desiredCount tasks and completes the first deployment", async () => {
    const ecs = await setUp();
    await ecs.call("CreateService", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      serviceName: "api",
      taskDefinition: "jwt",
      desiredCount: 3,
    });
    await steady(ecs);
    expect(running(ecs)).toHaveLength(3);
    const names = ecs.events.map((event) => event.detail.eventName).filter(Boolean);
    expect(names).toEqual(["SERVICE_DEPLOYMENT_IN_PROGRESS", "SERVICE_DEPLOYMENT_COMPLETED"]);
  });

  it("replaces a stopped task with one that reads the secret anew", async () => {
    const ecs = await setUp();
    await ecs.call("CreateService", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      serviceName: "api",
      taskDefinition: "jwt",
      desiredCount: 2,
    });
    await steady(ecs);
    ecs.secrets.values.set("secret-a", "value-2");
    const victim = running(ecs)[0] as TaskRecord;
    await ecs.call("StopTask", { cluster: "c1", task: victim.arn });
    await until(() => running(ecs).length === 2 && !running(ecs).includes(victim));
    const envs = ecs.apps.started.map((start) => start.env.JWT_SECRET);
    expect(envs).toEqual(["value-1", "value-1", "value-2"]);
    expect(victim).toMatchObject({ lastStatus: "STOPPED", stopCode: "UserInitiated" });
  });

  it("keeps a forced deployment within 100/200 percent and completes it", async () => {
    const ecs = await setUp();
    await ecs.call("CreateService", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      serviceName: "api",
      taskDefinition: "jwt",
      desiredCount: 4,
    });
    await steady(ecs);
    const live = { max: 0, minRunning: Number.POSITIVE_INFINITY };
    ecs.listeners.add(() => {
      const alive = serviceTasks(ecs).filter((task) => task.desiredStatus === "RUNNING");
      live.max = Math.max(live.max, alive.length);
      live.minRunning = Math.min(live.minRunning, running(ecs).length);
    });
    const before = running(ecs);
    const { service } = await ecs.call("UpdateService", {
      cluster: "c1",
      service: "api",
      forceNewDeployment: true,
    });
    expect(service.deployments.map((d: { status: string }) => d.status)).toEqual(["PRIMARY", "ACTIVE"]);
    await steady(ecs);
    expect(live).toEqual({ max: 8, minRunning: 4 });
    expect(running(ecs).some((task) => before.includes(task))).toBe(false);
  });

  it("rolls within 50/100 percent by stopping before starting", async () => {
    const ecs = await setUp();
    await ecs.call("CreateService", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      serviceName: "api",
      taskDefinition: "jwt",
      desiredCount: 4,
      deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 100 },
    });
    await steady(ecs);
    const live = { max: 0, minRunning: Number.POSITIVE_INFINITY };
    ecs.listeners.add(() => {
      live.max = Math.max(
        live.max,
        serviceTasks(ecs).filter((task) => task.desiredStatus === "RUNNING").length,
      );
      live.minRunning = Math.min(live.minRunning, running(ecs).length);
    });
    await ecs.call("UpdateService", { cluster: "c1", service: "api", forceNewDeployment: true });
    await steady(ecs);
    expect(live.max).toBeLessThanOrEqual(4);
    expect(live.minRunning).toBeGreaterThanOrEqual(2);
    expect(running(ecs)).toHaveLength(4);
  });

  it("scales in and out on desiredCount updates without a new deployment", async () => {
    const ecs = await setUp();
    await ecs.call("CreateService", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      serviceName: "api",
      taskDefinition: "jwt",
      desiredCount: 3,
    });
    await steady(ecs);
    await ecs.call("UpdateService", { cluster: "c1", service: "api", desiredCount: 1 });
    await until(
      () =>
        running(ecs).length === 1 && serviceTasks(ecs).filter((t) => t.lastStatus !== "STOPPED").length === 1,
    );
    await ecs.call("UpdateService", { cluster: "c1", service: "api", desiredCount: 2 });
    await until(() => running(ecs).length === 2);
    const service = [...ecs.runtime.state.services.values()][0];
    expect(service?.history).toHaveLength(1);
  });

  it("drains and deactivates a deleted service", async () => {
    const ecs = await setUp();
    await ecs.call("CreateService", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      serviceName: "api",
      taskDefinition: "jwt",
      desiredCount: 2,
    });
    await steady(ecs);
    await expect(ecs.call("DeleteService", { cluster: "c1", service: "api" })).rejects.toMatchObject({
      type: "InvalidParameterException",
    });
    const { service } = await ecs.call("DeleteService", { cluster: "c1", service: "api", force: true });
    expect(service.status).toBe("DRAINING");
    await until(() => [...ecs.runtime.state.services.values()][0]?.status === "INACTIVE");
    expect(running(ecs)).toHaveLength(0);
    expect(ecs.apps.open).toBe(0);
  });
});
