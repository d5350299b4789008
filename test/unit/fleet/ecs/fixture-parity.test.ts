import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createClusterWithDefinition, until } from "./ecs-test-runtime.js";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/aws/ecs/${name}`, import.meta.url), "utf8"));
const fargateTask = fixture("describe-tasks-fargate.json").tasks[0];
const fixtureService = fixture("describe-services.json").services[0];
const fixtureDefinition = fixture("describe-task-definition.json").taskDefinition;

type TestEcs = Awaited<ReturnType<typeof createClusterWithDefinition>>;
let current: TestEcs | undefined;

afterEach(async () => {
  await current?.runtime.shutdown();
  current = undefined;
});

async function runningService() {
  current = await createClusterWithDefinition();
  const ecs = current;
  await ecs.call("CreateService", {
    cluster: "c1",
    serviceName: "api",
    taskDefinition: "jwt",
    desiredCount: 1,
    networkConfiguration: fixtureService.networkConfiguration,
    loadBalancers: [],
    healthCheckGracePeriodSeconds: 30,
    enableECSManagedTags: true,
    propagateTags: "SERVICE",
    tags: [{ key: "app", value: "orders" }],
  });
  await until(() => [...ecs.runtime.state.tasks.values()].some((task) => task.lastStatus === "RUNNING"));
  await until(
    () => [...ecs.runtime.state.services.values()][0]?.deployments[0]?.rolloutState === "COMPLETED",
  );
  return ecs;
}

describe("parity with real ECS responses", () => {
  it("describes a RUNNING awsvpc task with every member a real Fargate task has", async () => {
    const ecs = await runningService();
    const [arn] = [...ecs.runtime.state.tasks.keys()];
    const { tasks } = await ecs.call("DescribeTasks", { cluster: "c1", tasks: [arn], include: ["TAGS"] });
    expect(Object.keys(tasks[0])).toEqual(expect.arrayContaining(Object.keys(fargateTask)));
    const realContainer = Object.keys(fargateTask.containers[0]).filter((key) => key !== "memoryReservation");
    expect(Object.keys(tasks[0].containers[0])).toEqual(expect.arrayContaining(realContainer));
    const names = tasks[0].attachments[0].details.map((detail: { name: string }) => detail.name);
    expect(names).toEqual(fargateTask.attachments[0].details.map((detail: { name: string }) => detail.name));
  });

  it("describes a service and its deployment with every member a real rolling service has", async () => {
    const ecs = await runningService();
    const { services } = await ecs.call("DescribeServices", {
      cluster: "c1",
      services: ["api"],
      include: ["TAGS"],
    });
    expect(Object.keys(services[0])).toEqual(expect.arrayContaining(Object.keys(fixtureService)));
    expect(Object.keys(services[0].deployments[0])).toEqual(
      expect.arrayContaining(Object.keys(fixtureService.deployments[0])),
    );
  });

  it("describes a task definition with every member of a real one that the registration sets", async () => {
    const ecs = await runningService();
    const { taskDefinition } = await ecs.call("DescribeTaskDefinition", { taskDefinition: "jwt" });
    const setByRegistration = [
      "executionRoleArn",
      "taskRoleArn",
      "cpu",
      "memory",
      "requiresCompatibilities",
      "runtimePlatform",
    ];
    const expected = Object.keys(fixtureDefinition).filter((key) => !setByRegistration.includes(key));
    expect(Object.keys(taskDefinition)).toEqual(expect.arrayContaining(expected));
  });
});
