import { DescribeInstancesCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  DescribeContainerInstancesCommand,
  type DescribeContainerInstancesCommandOutput,
  DescribeTasksCommand,
  type DescribeTasksCommandOutput,
  ECSClient,
} from "@aws-sdk/client-ecs";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-vitest/extend";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createAwsCaller } from "../../../../lambda/adapters/aws/aws-call.js";
import { createEcsAdapter } from "../../../../lambda/adapters/ecs/ecs-adapter.js";
import { ErrorCode } from "../../../../lambda/errors.js";
import { loadWireFixture } from "../load-wire-fixture.js";

const cluster = "arn:aws:ecs:eu-west-1:123456789012:cluster/orders-prod";
const ecsMock = mockClient(ECSClient);
const ec2Mock = mockClient(EC2Client);
const ecs = new ECSClient({ region: "eu-west-1" });
const ec2 = new EC2Client({ region: "eu-west-1" });
const taskArn = (i: number) =>
  `arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/${i.toString(16).padStart(32, "0")}`;
const instanceArn = (i: number) =>
  `arn:aws:ecs:eu-west-1:123456789012:container-instance/orders-prod/ci-${i}`;

beforeEach(() => {
  ecsMock.reset();
  ec2Mock.reset();
});

describe("describeTasks", () => {
  it("describes 250 tasks in batches of 100, 100 and 50", async () => {
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [], failures: [] });
    const arns = Array.from({ length: 250 }, (_, i) => taskArn(i));
    await createEcsAdapter({ ecs, concurrency: 2 }).describeTasks(cluster, arns);
    const inputs = ecsMock.commandCalls(DescribeTasksCommand).map((call) => call.args[0].input);
    expect(inputs.map((input) => input.tasks?.length)).toEqual([100, 100, 50]);
    expect(inputs.flatMap((input) => input.tasks)).toEqual(arns);
    expect(inputs.every((input) => input.cluster === cluster)).toBe(true);
  });

  it("takes an awsvpc task's address from its ENI attachment", async () => {
    ecsMock
      .on(DescribeTasksCommand)
      .resolves(loadWireFixture<DescribeTasksCommandOutput>("ecs/describe-tasks-fargate.json"));
    const [a, b] = await createEcsAdapter({ ecs }).describeTasks(cluster, ["A", "B"]);
    expect(a).toMatchObject({
      group: "service:orders-api",
      startedBy: "ecs-svc/3906114290781447325",
      lastStatus: "RUNNING",
      privateIpv4Address: "10.0.1.23",
    });
    expect(a?.startedAt).toBeInstanceOf(Date);
    expect(b?.privateIpv4Address).toBe("10.0.2.57");
    expect(b?.createdAt?.toISOString()).toBe("2025-06-01T03:14:23.517Z");
  });

  it("accepts the event spelling `eni` for the attachment type", async () => {
    const details = [{ name: "privateIPv4Address", value: "10.0.9.9" }];
    ecsMock.on(DescribeTasksCommand).resolves({
      tasks: [{ taskArn: taskArn(1), taskDefinitionArn: "td:1", attachments: [{ type: "eni", details }] }],
    });
    const [task] = await createEcsAdapter({ ecs }).describeTasks(cluster, [taskArn(1)]);
    expect(task?.privateIpv4Address).toBe("10.0.9.9");
  });

  it("keeps a bridge task's container instance and one binding per port (IPv4 over ::)", async () => {
    ecsMock
      .on(DescribeTasksCommand)
      .resolves(loadWireFixture<DescribeTasksCommandOutput>("ecs/describe-tasks-ec2-bridge.json"));
    const [task] = await createEcsAdapter({ ecs }).describeTasks(cluster, ["C"]);
    expect(task?.privateIpv4Address).toBeUndefined();
    expect(task?.containerInstanceArn).toMatch(/container-instance\/orders-prod\//);
    expect(task?.containers[0]?.networkBindings).toEqual([
      { containerPort: 8080, hostPort: 32771, bindIP: "0.0.0.0" },
    ]);
  });

  it("skips tasks that vanished (MISSING) and tells onSkipped", async () => {
    ecsMock
      .on(DescribeTasksCommand)
      .resolves({ tasks: [], failures: [{ arn: taskArn(3), reason: "MISSING" }] });
    const onSkipped = vi.fn();
    await expect(createEcsAdapter({ ecs, onSkipped }).describeTasks(cluster, [taskArn(3)])).resolves.toEqual(
      [],
    );
    expect(onSkipped).toHaveBeenCalledWith({
      operation: "DescribeTasks",
      arn: taskArn(3),
      reason: "MISSING",
    });
  });

  it("fails the whole call with AWS_CALL_FAILED when one batch is throttled past every retry", async () => {
    const throttled = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
    ecsMock.on(DescribeTasksCommand).rejects(throttled);
    const call = createAwsCaller({ retry: { maxAttempts: 3 }, sleep: async () => undefined });
    await expect(createEcsAdapter({ ecs, call }).describeTasks(cluster, [taskArn(1)])).rejects.toMatchObject({
      code: ErrorCode.awsCall,
      operation: "DescribeTasks",
      awsErrorName: "ThrottlingException",
    });
    expect(ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(3);
  });
});

describe("resolveContainerInstanceHosts", () => {
  it("maps container instances to EC2 private IPs through DescribeContainerInstances and DescribeInstances", async () => {
    const fixture = loadWireFixture<DescribeContainerInstancesCommandOutput>(
      "ecs/describe-container-instances.json",
    );
    const arn = fixture.containerInstances?.[0]?.containerInstanceArn as string;
    ecsMock.on(DescribeContainerInstancesCommand).resolves(fixture);
    ec2Mock.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [{ InstanceId: "i-0a1b2c3d4e5f67890", PrivateIpAddress: "10.0.3.14" }] }],
    });
    const hosts = await createEcsAdapter({ ecs, ec2 }).resolveContainerInstanceHosts(cluster, [arn, arn]);
    expect([...hosts]).toEqual([[arn, "10.0.3.14"]]);
    expect(ecsMock).toHaveReceivedCommandWith(DescribeContainerInstancesCommand, {
      cluster,
      containerInstances: [arn],
    });
    expect(ec2Mock).toHaveReceivedCommandWith(DescribeInstancesCommand, {
      InstanceIds: ["i-0a1b2c3d4e5f67890"],
    });
  });

  it("describes 150 container instances in batches of 100 and 50", async () => {
    ecsMock.on(DescribeContainerInstancesCommand).callsFake((input: { containerInstances: string[] }) => ({
      containerInstances: input.containerInstances.map((containerInstanceArn, i) => ({
        containerInstanceArn,
        ec2InstanceId: `i-${containerInstanceArn.slice(-3)}-${i}`,
      })),
    }));
    ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    const arns = Array.from({ length: 150 }, (_, i) => instanceArn(i));
    const hosts = await createEcsAdapter({ ecs, ec2 }).resolveContainerInstanceHosts(cluster, arns);
    expect(hosts.size).toBe(0);
    const sizes = ecsMock
      .commandCalls(DescribeContainerInstancesCommand)
      .map((c) => c.args[0].input.containerInstances?.length);
    expect(sizes).toEqual([100, 50]);
    const ec2Sizes = ec2Mock
      .commandCalls(DescribeInstancesCommand)
      .map((c) => c.args[0].input.InstanceIds?.length);
    expect(ec2Sizes).toEqual([100, 50]);
  });

  it("makes no call at all for an empty list", async () => {
    const hosts = await createEcsAdapter({ ecs, ec2 }).resolveContainerInstanceHosts(cluster, []);
    expect(hosts.size).toBe(0);
    expect(ecsMock).not.toHaveReceivedAnyCommand();
  });
});
