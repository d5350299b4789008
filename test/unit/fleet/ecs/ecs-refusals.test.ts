import { afterEach, describe, expect, it } from "vitest";
import { AwsServiceError } from "../../../../fleet/contracts.js";
import { createClusterWithDefinition, jwtTaskDefinition, testNetwork } from "./ecs-test-runtime.js";

type TestEcs = Awaited<ReturnType<typeof createClusterWithDefinition>>;
let ecs: TestEcs | undefined;

afterEach(async () => {
  await ecs?.runtime.shutdown();
  ecs = undefined;
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AwsServiceError)) throw new Error("expected the call to be refused");
  return { type: error.type, status: error.httpStatus, message: error.message };
}

const fargate = (extra: Record<string, unknown>) => ({
  ...jwtTaskDefinition("fg", "secret-a"),
  requiresCompatibilities: ["FARGATE"],
  ...extra,
});

describe("RegisterTaskDefinition refuses a FARGATE task definition ECS would refuse", () => {
  it("answers ClientException when the task-level cpu is missing", async () => {
    ecs = await createClusterWithDefinition();
    expect(await refusal(ecs.call("RegisterTaskDefinition", fargate({ memory: "512" })))).toEqual({
      type: "ClientException",
      status: 400,
      message: "Fargate requires that 'cpu' be defined at the task level.",
    });
  });

  it("answers ClientException when the task-level memory is missing", async () => {
    ecs = await createClusterWithDefinition();
    expect(await refusal(ecs.call("RegisterTaskDefinition", fargate({ cpu: "256" })))).toEqual({
      type: "ClientException",
      status: 400,
      message: "Fargate requires that 'memory' be defined at the task level.",
    });
  });

  it("answers ClientException when the network mode is not awsvpc (ECS's default is bridge)", async () => {
    ecs = await createClusterWithDefinition();
    for (const networkMode of [undefined, "bridge"]) {
      const input = fargate({ cpu: "256", memory: "512", networkMode });
      expect(await refusal(ecs.call("RegisterTaskDefinition", input))).toMatchObject({
        type: "ClientException",
        message: "Fargate only supports network mode ‘awsvpc’.",
      });
    }
    expect((await ecs.call("ListTaskDefinitions", { familyPrefix: "fg" })).taskDefinitionArns).toEqual([]);
  });

  it("registers a FARGATE task definition with awsvpc, cpu and memory, and an EC2 one without them", async () => {
    ecs = await createClusterWithDefinition();
    const registered = await ecs.call("RegisterTaskDefinition", fargate({ cpu: "256", memory: "512" }));
    expect(registered.taskDefinition).toMatchObject({ cpu: "256", memory: "512", networkMode: "awsvpc" });
    await ecs.call("RegisterTaskDefinition", {
      ...jwtTaskDefinition("ec2", "secret-a"),
      requiresCompatibilities: ["EC2"],
    });
  });
});

describe("RegisterTaskDefinition refuses container secrets without a task execution role", () => {
  it("answers ClientException when a container reads secrets and executionRoleArn is missing", async () => {
    ecs = await createClusterWithDefinition();
    const { executionRoleArn: _role, ...withoutRole } = jwtTaskDefinition("no-role", "secret-a");
    expect(await refusal(ecs.call("RegisterTaskDefinition", withoutRole))).toEqual({
      type: "ClientException",
      status: 400,
      message:
        "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.",
    });
  });

  it("registers containers without secrets, and secrets with a role", async () => {
    ecs = await createClusterWithDefinition();
    await ecs.call("RegisterTaskDefinition", {
      family: "plain",
      containerDefinitions: [{ name: "api", image: "sample/jwt-api:jose", secrets: [] }],
    });
    await ecs.call("RegisterTaskDefinition", jwtTaskDefinition("with-role", "secret-a"));
    expect((await ecs.call("ListTaskDefinitions", {})).taskDefinitionArns).toHaveLength(3);
  });
});

describe("an awsvpc task needs a network configuration, as on ECS", () => {
  const message = "Network Configuration must be provided when networkMode 'awsvpc' is specified.";

  it("refuses CreateService without networkConfiguration with InvalidParameterException and creates nothing", async () => {
    ecs = await createClusterWithDefinition();
    const input = { cluster: "c1", serviceName: "api", taskDefinition: "jwt", desiredCount: 1 };
    expect(await refusal(ecs.call("CreateService", input))).toEqual({
      type: "InvalidParameterException",
      status: 400,
      message,
    });
    expect(await refusal(ecs.call("CreateService", { ...input, networkConfiguration: {} }))).toMatchObject({
      type: "InvalidParameterException",
      message,
    });
    expect((await ecs.call("ListServices", { cluster: "c1" })).serviceArns).toEqual([]);
    await ecs.call("CreateService", { ...input, networkConfiguration: testNetwork });
  });

  it("refuses RunTask without networkConfiguration and starts no task", async () => {
    ecs = await createClusterWithDefinition();
    expect(await refusal(ecs.call("RunTask", { cluster: "c1", taskDefinition: "jwt" }))).toEqual({
      type: "InvalidParameterException",
      status: 400,
      message,
    });
    expect(ecs.runtime.state.tasks.size).toBe(0);
  });

  it("refuses UpdateService to an awsvpc revision for a service that has no network configuration", async () => {
    ecs = await createClusterWithDefinition();
    await ecs.call("RegisterTaskDefinition", {
      ...jwtTaskDefinition("moving", "secret-a"),
      networkMode: "bridge",
    });
    await ecs.call("CreateService", {
      cluster: "c1",
      serviceName: "moving",
      taskDefinition: "moving",
      desiredCount: 0,
    });
    const awsvpc = await ecs.call("RegisterTaskDefinition", jwtTaskDefinition("moving", "secret-a"));
    const update = {
      cluster: "c1",
      service: "moving",
      taskDefinition: awsvpc.taskDefinition.taskDefinitionArn,
    };
    expect(await refusal(ecs.call("UpdateService", update))).toMatchObject({
      type: "InvalidParameterException",
      message: "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    });
    const { service } = await ecs.call("UpdateService", { ...update, networkConfiguration: testNetwork });
    expect(service.taskDefinition).toBe(awsvpc.taskDefinition.taskDefinitionArn);
  });

  it("refuses a network configuration for a bridge task definition", async () => {
    ecs = await createClusterWithDefinition();
    await ecs.call("RegisterTaskDefinition", {
      ...jwtTaskDefinition("bridged", "secret-a"),
      networkMode: "bridge",
    });
    expect(
      await refusal(
        ecs.call("RunTask", { cluster: "c1", taskDefinition: "bridged", networkConfiguration: testNetwork }),
      ),
    ).toEqual({
      type: "InvalidParameterException",
      status: 400,
      message: "Network Configuration is not valid for the given networkMode of this task definition.",
    });
  });
});
