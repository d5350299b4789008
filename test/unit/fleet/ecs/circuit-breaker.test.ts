import { afterEach, describe, expect, it } from "vitest";
import type { FleetEvent } from "../../../../fleet/contracts.js";
import { createClusterWithDefinition, jwtTaskDefinition, testNetwork, until } from "./ecs-test-runtime.js";

type TestEcs = Awaited<ReturnType<typeof createClusterWithDefinition>>;
let current: TestEcs | undefined;

afterEach(async () => {
  await current?.runtime.shutdown();
  current = undefined;
});

const deploymentEvents = (events: FleetEvent[]) =>
  events
    .filter((event) => event["detail-type"] === "ECS Deployment State Change")
    .map((event) => event.detail);

async function serviceWithBrokenRevision(rollback: boolean) {
  current = await createClusterWithDefinition({ circuitBreakerMinThreshold: 2 });
  const ecs = current;
  await ecs.call("CreateService", {
    networkConfiguration: testNetwork,
    cluster: "c1",
    serviceName: "api",
    taskDefinition: "jwt",
    desiredCount: 2,
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback } },
  });
  const service = () => [...ecs.runtime.state.services.values()][0];
  await until(() => service()?.deployments[0]?.rolloutState === "COMPLETED");
  await ecs.call("RegisterTaskDefinition", jwtTaskDefinition("jwt", "missing-secret"));
  await ecs.call("UpdateService", { cluster: "c1", service: "api", taskDefinition: "jwt:2" });
  return { ecs, service };
}

describe("deployment circuit breaker", () => {
  it("fails a deployment whose tasks cannot read their secret and keeps the old tasks", async () => {
    const { ecs, service } = await serviceWithBrokenRevision(false);
    await until(() => service()?.deployments[0]?.rolloutState === "FAILED");
    const failed = service()?.deployments[0];
    expect(failed?.rolloutStateReason).toBe("ECS deployment circuit breaker: task failed to start.");
    expect(failed?.failedTasks).toBeGreaterThanOrEqual(2);
    const stopped = [...ecs.runtime.state.tasks.values()].filter(
      (task) => task.stopCode === "TaskFailedToStart",
    );
    expect(stopped[0]?.stoppedReason).toMatch(
      /^ResourceInitializationError: unable to pull secrets or registry auth: /,
    );
    expect(stopped[0]?.stoppedReason).toContain("missing-secret");
    const oldRunning = [...(service()?.liveTasks ?? [])].filter((task) => task.lastStatus === "RUNNING");
    expect(oldRunning).toHaveLength(2);
    expect(deploymentEvents(ecs.events).at(-1)).toMatchObject({
      eventType: "ERROR",
      eventName: "SERVICE_DEPLOYMENT_FAILED",
    });
  });

  it("rolls back to the last completed deployment when rollback is on", async () => {
    const { ecs, service } = await serviceWithBrokenRevision(true);
    const reasonsWhenRollbackStarted: (string | undefined)[] = [];
    ecs.listeners.add((event) => {
      if (String(event.detail.reason).includes("rolling back"))
        reasonsWhenRollbackStarted.push(service()?.deployments[0]?.rolloutStateReason);
    });
    await until(() => {
      const deployments = service()?.deployments ?? [];
      return (
        deployments.length === 1 &&
        deployments[0]?.rolloutState === "COMPLETED" &&
        service()?.history.length === 3
      );
    });
    const [first, broken, rollback] = service()?.history ?? [];
    expect(broken?.rolloutState).toBe("FAILED");
    expect(rollback?.taskDefinitionArn).toBe(first?.taskDefinitionArn);
    const names = deploymentEvents(ecs.events).map((detail) => detail.eventName);
    expect(names.slice(-3)).toEqual([
      "SERVICE_DEPLOYMENT_FAILED",
      "SERVICE_DEPLOYMENT_IN_PROGRESS",
      "SERVICE_DEPLOYMENT_COMPLETED",
    ]);
    expect(deploymentEvents(ecs.events).at(-2)?.reason).toBe(
      `ECS deployment circuit breaker: rolling back to deploymentId ${first?.id}.`,
    );
    // While it rolls, the rollback deployment's rolloutStateReason says it is a rollback.
    expect(reasonsWhenRollbackStarted).toEqual([
      `ECS deployment circuit breaker: rolling back to deploymentId ${first?.id}.`,
    ]);
  });

  it("does not roll back a rollback that fails too, so a broken secret cannot loop deployments", async () => {
    const { ecs, service } = await serviceWithBrokenRevision(true);
    ecs.secrets.values.delete("secret-a");
    await until(() => (service()?.history ?? []).filter((d) => d.rolloutState === "FAILED").length === 2);
    // The second failure's event carries the breaker's decision (a rollback says so in its reason):
    // wait for it rather than for a fixed time, then nothing may have rolled back.
    await until(
      () =>
        deploymentEvents(ecs.events).filter((event) => event.eventName === "SERVICE_DEPLOYMENT_FAILED")
          .length === 2,
    );
    expect(deploymentEvents(ecs.events).at(-1)?.reason ?? "").not.toContain("rolling back");
    const history = service()?.history ?? [];
    expect(history.map((deployment) => deployment.rolloutState)).toEqual(["COMPLETED", "FAILED", "FAILED"]);
    expect(deploymentEvents(ecs.events).at(-1)).toMatchObject({ eventName: "SERVICE_DEPLOYMENT_FAILED" });
  });

  it("keeps retrying a failing deployment when the breaker is off", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    await ecs.call("RegisterTaskDefinition", jwtTaskDefinition("broken", "missing-secret"));
    await ecs.call("CreateService", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      serviceName: "api",
      taskDefinition: "broken",
      desiredCount: 1,
    });
    const service = () => [...ecs.runtime.state.services.values()][0];
    await until(() => (service()?.deployments[0]?.failedTasks ?? 0) >= 3);
    expect(service()?.deployments[0]?.rolloutState).toBe("IN_PROGRESS");
    // AWS sends SERVICE_DEPLOYMENT_FAILED only for services with the breaker on.
    const names = deploymentEvents(ecs.events).map((detail) => detail.eventName);
    expect(names).toContain("SERVICE_DEPLOYMENT_IN_PROGRESS");
    expect(names).not.toContain("SERVICE_DEPLOYMENT_FAILED");
  });
});
