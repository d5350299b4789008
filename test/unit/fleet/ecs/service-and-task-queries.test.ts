import { afterEach, describe, expect, it } from "vitest";
import { createClusterWithDefinition, testNetwork, until } from "./ecs-test-runtime.js";

type TestEcs = Awaited<ReturnType<typeof createClusterWithDefinition>>;
let current: TestEcs | undefined;

afterEach(async () => {
  await current?.runtime.shutdown();
  current = undefined;
});

describe("service and task queries", () => {
  it("pages ListServices 10 at a time by default", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    for (let index = 0; index < 12; index += 1) {
      await ecs.call("CreateService", {
        networkConfiguration: testNetwork,
        cluster: "c1",
        serviceName: `s${index}`,
        taskDefinition: "jwt",
        desiredCount: 0,
      });
    }
    const first = await ecs.call("ListServices", { cluster: "c1" });
    expect(first.serviceArns).toHaveLength(10);
    const second = await ecs.call("ListServices", { cluster: "c1", nextToken: first.nextToken });
    expect(second.serviceArns).toHaveLength(2);
    await expect(ecs.call("ListServices", { cluster: "c1", maxResults: 101 })).rejects.toMatchObject({
      type: "InvalidParameterException",
    });
    await expect(ecs.call("ListServices", { cluster: "c1", nextToken: "bogus" })).rejects.toMatchObject({
      type: "InvalidParameterException",
    });
  });

  it("limits DescribeServices to 10 and DescribeTasks to 100 names", async () => {
    current = await createClusterWithDefinition();
    const names = Array.from({ length: 11 }, (_, index) => `s${index}`);
    await expect(current.call("DescribeServices", { cluster: "c1", services: names })).rejects.toMatchObject({
      type: "InvalidParameterException",
    });
    const tasks = Array.from({ length: 101 }, (_, index) => `t${index}`);
    await expect(current.call("DescribeTasks", { cluster: "c1", tasks })).rejects.toMatchObject({
      type: "InvalidParameterException",
    });
  });

  it("rejects a second service with the same name and updates of unknown services", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    await ecs.call("CreateService", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      serviceName: "api",
      taskDefinition: "jwt",
      desiredCount: 0,
    });
    await expect(
      ecs.call("CreateService", {
        networkConfiguration: testNetwork,
        cluster: "c1",
        serviceName: "api",
        taskDefinition: "jwt",
        desiredCount: 0,
      }),
    ).rejects.toMatchObject({ type: "InvalidParameterException" });
    await expect(
      ecs.call("UpdateService", { cluster: "c1", service: "nope", desiredCount: 1 }),
    ).rejects.toMatchObject({
      type: "ServiceNotFoundException",
    });
  });

  it("filters ListTasks by service, family, startedBy and desired status", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    await ecs.call("CreateService", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      serviceName: "api",
      taskDefinition: "jwt",
      desiredCount: 2,
    });
    const { tasks } = await ecs.call("RunTask", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      taskDefinition: "jwt",
      startedBy: "cron",
    });
    await until(() => [...ecs.runtime.state.tasks.values()].length === 3);
    expect((await ecs.call("ListTasks", { cluster: "c1", serviceName: "api" })).taskArns).toHaveLength(2);
    expect((await ecs.call("ListTasks", { cluster: "c1", family: "jwt" })).taskArns).toHaveLength(3);
    expect((await ecs.call("ListTasks", { cluster: "c1", startedBy: "cron" })).taskArns).toEqual([
      tasks[0].taskArn,
    ]);
    await ecs.call("StopTask", { cluster: "c1", task: tasks[0].taskArn });
    const stopped = await ecs.call("ListTasks", { cluster: "c1", desiredStatus: "STOPPED" });
    expect(stopped.taskArns).toEqual([tasks[0].taskArn]);
    await expect(ecs.call("ListTasks", { cluster: "c1", serviceName: "nope" })).rejects.toMatchObject({
      type: "ServiceNotFoundException",
    });
  });

  it("describes tasks with managed and service tags and reports unknown ones as MISSING", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    await ecs.call("CreateService", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      serviceName: "api",
      taskDefinition: "jwt",
      desiredCount: 1,
      enableECSManagedTags: true,
      propagateTags: "SERVICE",
      tags: [{ key: "app", value: "orders" }],
    });
    await until(() => ecs.runtime.state.tasks.size === 1);
    const [arn] = [...ecs.runtime.state.tasks.keys()];
    const described = await ecs.call("DescribeTasks", {
      cluster: "c1",
      tasks: [arn, "missing"],
      include: ["TAGS"],
    });
    expect(described.tasks[0].tags).toEqual([
      { key: "aws:ecs:clusterName", value: "c1" },
      { key: "aws:ecs:serviceName", value: "api" },
      { key: "app", value: "orders" },
    ]);
    expect(described.tasks[0]).toMatchObject({
      group: "service:api",
      startedBy: expect.stringMatching(/^ecs-svc\/\d{19}$/),
    });
    expect(described.failures).toEqual([{ arn: "missing", reason: "MISSING" }]);
  });

  it("refuses to force a deployment of a CODE_DEPLOY service but still scales it", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    const { service } = await ecs.call("CreateService", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      serviceName: "bg",
      taskDefinition: "jwt",
      desiredCount: 0,
      deploymentController: { type: "CODE_DEPLOY" },
    });
    expect(service.deploymentController).toEqual({ type: "CODE_DEPLOY" });
    await expect(
      ecs.call("UpdateService", { cluster: "c1", service: "bg", forceNewDeployment: true }),
    ).rejects.toMatchObject({ type: "InvalidParameterException" });
    const scaled = await ecs.call("UpdateService", { cluster: "c1", service: "bg", desiredCount: 2 });
    expect(scaled.service.desiredCount).toBe(2);
  });
});
