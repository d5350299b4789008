import { afterEach, describe, expect, it } from "vitest";
import { createClusterWithDefinition, testNetwork, until } from "./ecs-test-runtime.js";

type TestEcs = Awaited<ReturnType<typeof createClusterWithDefinition>>;
let current: TestEcs | undefined;

afterEach(async () => {
  await current?.runtime.shutdown();
  current = undefined;
});

describe("task lifecycle", () => {
  it("moves a standalone task PROVISIONING, PENDING, RUNNING, STOPPING, STOPPED with growing versions", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    const { tasks } = await ecs.call("RunTask", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      taskDefinition: "jwt",
      startedBy: "me",
    });
    expect(tasks[0]).toMatchObject({
      lastStatus: "PROVISIONING",
      group: "family:jwt",
      startedBy: "me",
      version: 1,
    });
    const record = ecs.runtime.state.tasks.get(tasks[0].taskArn);
    await until(() => record?.lastStatus === "RUNNING");
    await ecs.call("StopTask", { cluster: "c1", task: tasks[0].taskArn, reason: "done" });
    await until(() => record?.lastStatus === "STOPPED");
    const changes = ecs.events.filter((event) => event["detail-type"] === "ECS Task State Change");
    const statuses = changes.map((event) => event.detail.lastStatus);
    expect(statuses).toEqual(["PROVISIONING", "PENDING", "RUNNING", "RUNNING", "STOPPING", "STOPPED"]);
    const versions = changes.map((event) => event.detail.version as number);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(record).toMatchObject({
      stopCode: "UserInitiated",
      stoppedReason: "done",
      desiredStatus: "STOPPED",
    });
    const times = [
      record?.createdAt,
      record?.pullStartedAt,
      record?.startedAt,
      record?.stoppingAt,
      record?.stoppedAt,
    ];
    expect(
      times.every((time, index) => time !== undefined && (index === 0 || time >= (times[index - 1] ?? 0))),
    ).toBe(true);
    expect(ecs.apps.open).toBe(0);
  });

  it("resolves secrets and environment once, at start, into the app's env", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    await ecs.call("RunTask", { networkConfiguration: testNetwork, cluster: "c1", taskDefinition: "jwt" });
    await until(() => ecs.apps.started.length === 1);
    expect(ecs.apps.started[0]).toMatchObject({
      image: "sample/jwt-api:jose",
      port: 8080,
      env: { JWT_SECRET: "value-1", JWT_ALGORITHMS: "HS256" },
    });
    expect(ecs.apps.started[0]?.host).toMatch(/^127\.\d+\.\d+\.\d+$/);
    expect(ecs.apps.started[0]?.host).not.toMatch(/^127\.0\.0\./);
    expect(ecs.secrets.reads).toEqual(["secret-a"]);
  });

  it("gives every task its own loopback address and ENI details", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    const { tasks } = await ecs.call("RunTask", {
      cluster: "c1",
      taskDefinition: "jwt",
      count: 3,
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-1"], securityGroups: ["sg-1"] } },
    });
    const addresses = tasks.map(
      (task: { containers: { networkInterfaces: { privateIpv4Address: string }[] }[] }) =>
        task.containers[0]?.networkInterfaces[0]?.privateIpv4Address,
    );
    expect(new Set(addresses).size).toBe(3);
    const details = Object.fromEntries(
      tasks[0].attachments[0].details.map((d: { name: string; value: string }) => [d.name, d.value]),
    );
    expect(tasks[0].attachments[0].type).toBe("ElasticNetworkInterface");
    expect(details).toMatchObject({ subnetId: "subnet-1", privateIPv4Address: addresses[0] });
    expect(details.networkInterfaceId).toMatch(/^eni-[0-9a-f]{17}$/);
    expect(tasks[0].taskArn).toMatch(/^arn:aws:ecs:eu-west-1:123456789012:task\/c1\/[0-9a-f]{32}$/);
  });

  it("emits task state changes with ISO timestamps", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    await ecs.call("RunTask", { networkConfiguration: testNetwork, cluster: "c1", taskDefinition: "jwt" });
    const event = ecs.events.find((candidate) => candidate["detail-type"] === "ECS Task State Change");
    expect(event).toMatchObject({
      version: "0",
      source: "aws.ecs",
      account: "123456789012",
      region: "eu-west-1",
    });
    expect(event?.detail.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(event?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("moves a PENDING task to a fresh address when another process on the host holds its own", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    const { tasks } = await ecs.call("RunTask", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      taskDefinition: "jwt",
    });
    const taken = tasks[0].containers[0].networkInterfaces[0].privateIpv4Address as string;
    ecs.apps.busyHosts.add(taken);
    const record = ecs.runtime.state.tasks.get(tasks[0].taskArn);
    await until(() => record?.lastStatus === "RUNNING");
    expect(record?.eni.privateIPv4Address).not.toBe(taken);
    expect(ecs.apps.started.map((start) => start.host)).toEqual([record?.eni.privateIPv4Address]);
  });

  it("applies RunTask environment overrides on top of the task definition, and shows them", async () => {
    current = await createClusterWithDefinition();
    const ecs = current;
    const overrides = {
      containerOverrides: [{ name: "api", environment: [{ name: "JWT_ALGORITHMS", value: "HS512" }] }],
    };
    const { tasks } = await ecs.call("RunTask", {
      networkConfiguration: testNetwork,
      cluster: "c1",
      taskDefinition: "jwt",
      overrides,
    });
    await until(() => ecs.apps.started.length === 1);
    expect(ecs.apps.started[0]?.env).toMatchObject({ JWT_ALGORITHMS: "HS512", JWT_SECRET: "value-1" });
    expect(tasks[0].overrides.containerOverrides).toEqual(overrides.containerOverrides);
  });
});
