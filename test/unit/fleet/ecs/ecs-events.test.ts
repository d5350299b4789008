import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { FleetEvent } from "../../../../fleet/contracts.js";
import { createClusterWithDefinition, testNetwork, until } from "./ecs-test-runtime.js";

const fixture = JSON.parse(
  readFileSync(
    new URL("../../../fixtures/aws/events/ecs-deployment-state-change.json", import.meta.url),
    "utf8",
  ),
) as FleetEvent;

type TestEcs = Awaited<ReturnType<typeof createClusterWithDefinition>>;
let current: TestEcs | undefined;

afterEach(async () => {
  await current?.runtime.shutdown();
  current = undefined;
});

describe("ECS events", () => {
  it("announces deployments with the documented ECS Deployment State Change envelope", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    const { service } = await ecs.call("CreateService", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      serviceName: "api",
      taskDefinition: "jwt",
      desiredCount: 1,
    });
    await until(() => ecs.events.some((event) => event.detail.eventName === "SERVICE_DEPLOYMENT_COMPLETED"));
    const completed = ecs.events.find(
      (event) => event.detail.eventName === "SERVICE_DEPLOYMENT_COMPLETED",
    ) as FleetEvent;
    expect(Object.keys(completed).sort()).toEqual(Object.keys(fixture).sort());
    expect(Object.keys(completed.detail).sort()).toEqual(Object.keys(fixture.detail).sort());
    const deploymentId = service.deployments[0].id;
    expect(completed).toMatchObject({
      "detail-type": "ECS Deployment State Change",
      source: "aws.ecs",
      resources: [service.serviceArn],
      detail: { eventType: "INFO", deploymentId, reason: `ECS deployment ${deploymentId} completed.` },
    });
    expect(completed.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(completed.detail.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("records service events newest first, like describe-services", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    await ecs.call("CreateService", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      serviceName: "api",
      taskDefinition: "jwt",
      desiredCount: 1,
    });
    await until(() => ecs.events.some((event) => event.detail.eventName === "SERVICE_DEPLOYMENT_COMPLETED"));
    const { services } = await ecs.call("DescribeServices", { cluster: "c1", services: ["api"] });
    const messages = services[0].events.map((event: { message: string }) => event.message);
    expect(messages[0]).toBe("(service api) has reached a steady state.");
    expect(messages.at(-1)).toMatch(/^\(service api\) has started 1 tasks: \(task [0-9a-f]{32}\)\.$/);
  });
});
