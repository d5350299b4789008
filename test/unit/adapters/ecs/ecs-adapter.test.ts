import {
  type ContainerDefinition,
  DescribeServicesCommand,
  type DescribeServicesCommandOutput,
  DescribeTaskDefinitionCommand,
  type DescribeTaskDefinitionCommandOutput,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
  UpdateServiceCommand,
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
const ecs = new ECSClient({ region: "eu-west-1" });
const serviceArn = (i: number) => `arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/svc-${i}`;

beforeEach(() => ecsMock.reset());

describe("listing", () => {
  it("pages through ListClusters with page size 100", async () => {
    ecsMock
      .on(ListClustersCommand, { nextToken: undefined })
      .resolves({ clusterArns: ["c1"], nextToken: "t1" })
      .on(ListClustersCommand, { nextToken: "t1" })
      .resolves({ clusterArns: ["c2"] });
    await expect(createEcsAdapter({ ecs }).listClusters()).resolves.toEqual(["c1", "c2"]);
    expect(ecsMock).toHaveReceivedCommandTimes(ListClustersCommand, 2);
    expect(ecsMock).toHaveReceivedNthCommandWith(ListClustersCommand, 2, {
      maxResults: 100,
      nextToken: "t1",
    });
  });

  it("stops a listing that never ends with AWS_CALL_FAILED instead of paging forever", async () => {
    ecsMock.on(ListServicesCommand).resolves({ serviceArns: [serviceArn(1)], nextToken: "again" });
    await expect(createEcsAdapter({ ecs }).listServices(cluster)).rejects.toMatchObject({
      code: "AWS_CALL_FAILED",
      operation: "ListServices",
      message: expect.stringContaining("more than 1000 pages"),
    });
    expect(ecsMock).toHaveReceivedCommandTimes(ListServicesCommand, 1000);
  });

  it("asks ListServices for 100 per page and follows every nextToken", async () => {
    const page = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => serviceArn(from + i));
    ecsMock
      .on(ListServicesCommand, { nextToken: undefined })
      .resolves({ serviceArns: page(0, 100), nextToken: "p2" })
      .on(ListServicesCommand, { nextToken: "p2" })
      .resolves({ serviceArns: page(100, 200), nextToken: "p3" })
      .on(ListServicesCommand, { nextToken: "p3" })
      .resolves({ serviceArns: page(200, 230) });
    const services = await createEcsAdapter({ ecs }).listServices(cluster);
    expect(services).toHaveLength(230);
    expect(ecsMock).toHaveReceivedCommandTimes(ListServicesCommand, 3);
    expect(ecsMock).toHaveReceivedNthCommandWith(ListServicesCommand, 1, { cluster, maxResults: 100 });
    expect(ecsMock).toHaveReceivedNthCommandWith(ListServicesCommand, 3, {
      cluster,
      maxResults: 100,
      nextToken: "p3",
    });
  });

  it.each([
    [{ serviceName: "orders-api" }, { serviceName: "orders-api" }],
    [{ family: "batch-job" }, { family: "batch-job" }],
    [{}, {}],
  ])("lists RUNNING tasks 100 per page with filter %j", async (filter, expected) => {
    ecsMock
      .on(ListTasksCommand, { nextToken: undefined })
      .resolves({ taskArns: ["t1"], nextToken: "n" })
      .on(ListTasksCommand, { nextToken: "n" })
      .resolves({ taskArns: ["t2"] });
    await expect(createEcsAdapter({ ecs }).listTasks(cluster, filter)).resolves.toEqual(["t1", "t2"]);
    const input = ecsMock.commandCalls(ListTasksCommand)[0]?.args[0].input;
    expect(input).toEqual({
      cluster,
      desiredStatus: "RUNNING",
      maxResults: 100,
      nextToken: undefined,
      ...expected,
    });
  });
});

describe("describeServices", () => {
  it("describes 25 services in batches of 10, 10 and 5, always with TAGS", async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [], failures: [] });
    const services = Array.from({ length: 25 }, (_, i) => serviceArn(i));
    await createEcsAdapter({ ecs }).describeServices(cluster, services);
    const calls = ecsMock.commandCalls(DescribeServicesCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => input.services?.length)).toEqual([10, 10, 5]);
    expect(calls.every((input) => input.include?.join() === "TAGS" && input.cluster === cluster)).toBe(true);
    expect(calls.flatMap((input) => input.services)).toEqual(services);
  });

  it("maps the fixture's services, deployments and tags", async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolves(loadWireFixture<DescribeServicesCommandOutput>("ecs/describe-services.json"));
    const [api, worker] = await createEcsAdapter({ ecs }).describeServices(cluster, [
      "orders-api",
      "orders-worker",
    ]);
    expect(api).toMatchObject({
      serviceName: "orders-api",
      clusterArn: cluster,
      deploymentController: "ECS",
      tags: { app: "orders", env: "prod" },
      deployments: [{ id: "ecs-svc/3906114290781447325", status: "PRIMARY", rolloutState: "COMPLETED" }],
    });
    expect(worker?.deployments.map((d) => [d.status, d.rolloutState])).toEqual([
      ["PRIMARY", "IN_PROGRESS"],
      ["ACTIVE", "COMPLETED"],
    ]);
    expect(worker?.deployments[0]?.createdAt.toISOString()).toBe("2025-06-01T03:15:10.221Z");
  });

  it("maps an EXTERNAL service without a task definition of its own from its task sets", async () => {
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [
        {
          serviceArn: serviceArn(1),
          serviceName: "edge",
          status: "ACTIVE",
          deploymentController: { type: "EXTERNAL" },
          taskSets: [
            {
              id: "ts-new",
              status: "PRIMARY",
              taskDefinition: "arn:aws:ecs:eu-west-1:123456789012:task-definition/edge:8",
              createdAt: new Date("2025-06-01T03:20:00Z"),
              computedDesiredCount: 2,
              runningCount: 2,
            },
            {
              id: "ts-old",
              status: "DRAINING",
              taskDefinition: "arn:aws:ecs:eu-west-1:123456789012:task-definition/edge:7",
            },
          ],
        },
      ],
      failures: [],
    });
    const [edge] = await createEcsAdapter({ ecs }).describeServices(cluster, ["edge"]);
    expect(edge).not.toHaveProperty("taskDefinitionArn");
    expect(edge?.deploymentController).toBe("EXTERNAL");
    expect(edge?.deployments.map((d) => [d.id, d.status, d.taskDefinitionArn.split("/").at(-1)])).toEqual([
      ["ts-new", "PRIMARY", "edge:8"],
      ["ts-old", "ACTIVE", "edge:7"],
    ]);
  });

  it("skips MISSING and INACTIVE services and tells onSkipped", async () => {
    const fixture = loadWireFixture<DescribeServicesCommandOutput>("ecs/describe-services.json");
    const inactive = { ...fixture.services?.[1], status: "INACTIVE" };
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [fixture.services?.[0] ?? {}, inactive],
      failures: [{ arn: serviceArn(9), reason: "MISSING" }],
    });
    const onSkipped = vi.fn();
    const services = await createEcsAdapter({ ecs, onSkipped }).describeServices(cluster, ["a", "b", "c"]);
    expect(services.map((s) => s.serviceName)).toEqual(["orders-api"]);
    expect(onSkipped.mock.calls.map(([skip]) => skip.reason)).toEqual(["MISSING", "INACTIVE"]);
  });

  it("throws AWS_CALL_FAILED for any other failure reason", async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolves({ services: [], failures: [{ arn: serviceArn(1), reason: "ACCESS" }] });
    await expect(createEcsAdapter({ ecs }).describeServices(cluster, ["x"])).rejects.toMatchObject({
      code: ErrorCode.awsCall,
      operation: "DescribeServices",
      resource: serviceArn(1),
    });
  });
});

describe("describeTaskDefinition", () => {
  it("collects secrets, log secretOptions and repository credentials with their containers", async () => {
    const fixture = loadWireFixture<DescribeTaskDefinitionCommandOutput>("ecs/describe-task-definition.json");
    const [api, otel] = (fixture.taskDefinition?.containerDefinitions ?? []) as [
      ContainerDefinition,
      ContainerDefinition,
    ];
    const log = {
      logDriver: "splunk" as const,
      secretOptions: [{ name: "splunk-token", valueFrom: "arn:log" }],
    };
    const withExtras = [
      api,
      { ...otel, logConfiguration: log, repositoryCredentials: { credentialsParameter: "arn:repo" } },
    ];
    ecsMock
      .on(DescribeTaskDefinitionCommand)
      .resolves({ taskDefinition: { ...fixture.taskDefinition, containerDefinitions: withExtras } });
    const definition = await createEcsAdapter({ ecs }).describeTaskDefinition("orders-api:42");
    expect(ecsMock).toHaveReceivedCommandWith(DescribeTaskDefinitionCommand, {
      taskDefinition: "orders-api:42",
    });
    expect(definition).toMatchObject({ family: "orders-api", revision: 42, networkMode: "awsvpc" });
    expect(definition.containers[0]).toEqual({
      name: "orders-api",
      portMappings: [{ containerPort: 8080, hostPort: 8080 }],
      awsLogs: { group: "/ecs/orders-api", streamPrefix: "orders-api", region: "eu-west-1" },
    });
    expect(definition.secretReferences.map((r) => [r.container, r.source, r.name])).toEqual([
      ["orders-api", "secrets", "JWT_SIGNING_KEY"],
      ["orders-api", "secrets", "JWT_SIGNING_KEY_PREVIOUS"],
      ["orders-api", "secrets", "DB_PASSWORD"],
      ["orders-api", "secrets", "FEATURE_FLAGS"],
      ["otel-collector", "logConfiguration", "splunk-token"],
      ["otel-collector", "repositoryCredentials", undefined],
    ]);
  });
});

describe("forceNewDeployment", () => {
  it("calls UpdateService with forceNewDeployment only and returns the new PRIMARY deployment", async () => {
    ecsMock.on(UpdateServiceCommand).resolves({
      service: {
        deployments: [
          { id: "ecs-svc/7250134588163391826", status: "PRIMARY" },
          { id: "ecs-svc/3906114290781447325", status: "ACTIVE" },
        ],
      },
    });
    const result = await createEcsAdapter({ ecs }).forceNewDeployment(cluster, "orders-api");
    expect(result).toEqual({ deploymentId: "ecs-svc/7250134588163391826" });
    const input = ecsMock.commandCalls(UpdateServiceCommand)[0]?.args[0].input;
    expect(input).toEqual({ cluster, service: "orders-api", forceNewDeployment: true });
  });

  it("turns an SDK error into AWS_CALL_FAILED naming operation, resource and AWS error", async () => {
    const denied = Object.assign(new Error("not authorized"), { name: "AccessDeniedException" });
    ecsMock.on(UpdateServiceCommand).rejects(denied);
    await expect(createEcsAdapter({ ecs }).forceNewDeployment(cluster, "orders-api")).rejects.toMatchObject({
      code: ErrorCode.awsCall,
      operation: "UpdateService",
      resource: `${cluster}/orders-api`,
      awsErrorName: "AccessDeniedException",
    });
  });

  it("never repeats UpdateService after a server error: ECS may have applied it", async () => {
    const failure = Object.assign(new Error("internal"), { name: "ServerException", $fault: "server" });
    ecsMock.on(UpdateServiceCommand).rejects(failure);
    const call = createAwsCaller({ sleep: async () => undefined });
    await expect(
      createEcsAdapter({ ecs, call }).forceNewDeployment(cluster, "orders-api"),
    ).rejects.toMatchObject({
      code: ErrorCode.awsCall,
      awsErrorName: "ServerException",
    });
    expect(ecsMock.commandCalls(UpdateServiceCommand)).toHaveLength(1);
  });

  it("repeats UpdateService after an explicit throttle, which ECS answers before applying anything", async () => {
    const throttled = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
    ecsMock
      .on(UpdateServiceCommand)
      .rejectsOnce(throttled)
      .resolves({ service: { deployments: [{ id: "ecs-svc/1", status: "PRIMARY" }] } });
    const call = createAwsCaller({ sleep: async () => undefined });
    const result = await createEcsAdapter({ ecs, call }).forceNewDeployment(cluster, "orders-api");
    expect(result).toEqual({ deploymentId: "ecs-svc/1" });
    expect(ecsMock.commandCalls(UpdateServiceCommand)).toHaveLength(2);
  });
});
