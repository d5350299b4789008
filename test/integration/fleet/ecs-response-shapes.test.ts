import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEcsRuntime, ecsTargetPrefix } from "../../../fleet/ecs/create-ecs-runtime.js";
import { loadServiceModel, validateOperationOutput } from "../../../fleet/model-shapes/validate-shape.js";
import { type Fleet, startFleet } from "../../../fleet/start-fleet.js";

const model = loadServiceModel("ecs");
const served = Object.keys(
  createEcsRuntime({
    identity: { account: "123456789012", region: "eu-west-1" },
    emit: () => undefined,
    resolver: { resolveValueFrom: () => "" },
    startApp: () => Promise.reject(new Error("not started")),
    timing: { taskStartDelayMs: 0, stepDelayMs: 0 },
  }).api.operations,
);
let fleet: Fleet;
const responses: { operation: string; body: unknown }[] = [];

/** One raw JSON 1.1 call; records the body for validation. */
// biome-ignore lint/suspicious/noExplicitAny: raw wire JSON, validated against the model below
async function call(operation: string, input: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const response = await fetch(fleet.endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `${ecsTargetPrefix}.${operation}`,
    },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as Awaited<ReturnType<typeof call>>;
  if (response.status !== 200) throw new Error(`${operation}: ${response.status} ${JSON.stringify(body)}`);
  responses.push({ operation, body });
  return body;
}

beforeAll(async () => {
  fleet = await startFleet({
    taskStartDelayMs: 20,
    deploymentPacing: { stepDelayMs: 5 },
    circuitBreakerMinThreshold: 1,
    lifecycleHookTiming: { msPerSecond: 1 },
  });
  fleet.lambdaFunctions.register("shapes-hook", async () => ({
    ok: true,
    result: { hookStatus: "SUCCEEDED" },
  }));
  const secret = await fleet.secrets.operations.CreateSecret?.({
    Name: "shapes/jwt",
    SecretString: "shape-key-0123456789abcdef",
  });
  const valueFrom = (secret as { ARN: string }).ARN;
  const tags = [{ key: "team", value: "shapes" }];
  const { cluster } = await call("CreateCluster", { clusterName: "shapes", tags });
  const container = { name: "api", image: "sample/jwt-api:jose", portMappings: [{ containerPort: 8080 }] };
  await call("RegisterTaskDefinition", {
    family: "shapes",
    cpu: "256",
    memory: "512",
    tags,
    executionRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    containerDefinitions: [{ ...container, secrets: [{ name: "JWT_SECRET", valueFrom }] }],
  });
  await call("RegisterTaskDefinition", {
    family: "shapes",
    executionRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    containerDefinitions: [
      { ...container, secrets: [{ name: "JWT_SECRET", valueFrom: `${valueFrom}-missing` }] },
    ],
  });
  const network = {
    awsvpcConfiguration: { subnets: ["subnet-1"], securityGroups: ["sg-1"], assignPublicIp: "DISABLED" },
  };
  const { service } = await call("CreateService", {
    cluster: "shapes",
    serviceName: "api",
    taskDefinition: "shapes:1",
    desiredCount: 2,
    networkConfiguration: network,
    enableECSManagedTags: true,
    propagateTags: "SERVICE",
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } },
    tags,
  });
  await fleet.waitForSteadyState("shapes", "api");
  await call("UpdateService", { cluster: "shapes", service: "api", taskDefinition: "shapes:2" });
  await fleet.waitFor(
    () => fleet.ecs.services.get(service.serviceArn)?.deployments[0]?.rolloutState === "FAILED",
    "breaker",
  );
  await call("DescribeServices", { cluster: "shapes", services: ["api", "missing"], include: ["TAGS"] });
  const listed = await call("ListServiceDeployments", { cluster: "shapes", service: "api", maxResults: 5 });
  const deploymentArns = listed.serviceDeployments.map(
    (brief: { serviceDeploymentArn: string }) => brief.serviceDeploymentArn,
  );
  const described = await call("DescribeServiceDeployments", {
    serviceDeploymentArns: [...deploymentArns, "missing"],
  });
  const revisionArns = described.serviceDeployments.flatMap(
    (deployment: { targetServiceRevision: { arn: string }; sourceServiceRevisions: { arn: string }[] }) => [
      deployment.targetServiceRevision.arn,
      ...deployment.sourceServiceRevisions.map((source) => source.arn),
    ],
  );
  await call("DescribeServiceRevisions", { serviceRevisionArns: [...new Set(revisionArns), "missing"] });
  await pausedBlueGreenDeployment(network);
  await call("ListServices", { cluster: "shapes", maxResults: 1 });
  await call("CreateService", {
    cluster: "shapes",
    serviceName: "blue-green",
    taskDefinition: "shapes:1",
    desiredCount: 0,
    networkConfiguration: network,
    deploymentController: { type: "CODE_DEPLOY" },
  });
  const { tasks } = await call("RunTask", {
    cluster: "shapes",
    taskDefinition: "shapes:1",
    count: 2,
    networkConfiguration: network,
    enableECSManagedTags: true,
    overrides: {
      containerOverrides: [{ name: "api", environment: [{ name: "JWT_ALGORITHMS", value: "HS256" }] }],
    },
  });
  await fleet.waitFor(
    () => fleet.ecs.tasks.get(tasks[0].taskArn)?.lastStatus === "RUNNING",
    "standalone task",
  );
  await call("StopTask", { cluster: "shapes", task: tasks[0].taskArn });
  await fleet.waitFor(() => fleet.ecs.tasks.get(tasks[0].taskArn)?.lastStatus === "STOPPED", "stopped task");
  const everyTask = [...fleet.ecs.tasks.keys()];
  await call("DescribeTasks", { cluster: "shapes", tasks: [...everyTask, "missing"], include: ["TAGS"] });
  await call("ListTasks", { cluster: "shapes", desiredStatus: "STOPPED", maxResults: 1 });
  await call("ListTasks", { cluster: "shapes", serviceName: "api" });
  await call("DescribeClusters", { clusters: ["shapes", "missing"], include: ["TAGS"] });
  await call("ListClusters", {});
  await call("DescribeTaskDefinition", { taskDefinition: "shapes", include: ["TAGS"] });
  await call("ListTaskDefinitions", { familyPrefix: "shapes", maxResults: 1 });
  await call("TagResource", { resourceArn: cluster.clusterArn, tags: [{ key: "x", value: "y" }] });
  await call("UntagResource", { resourceArn: cluster.clusterArn, tagKeys: ["x"] });
  await call("ListTagsForResource", { resourceArn: service.serviceArn });
  await call("DescribeContainerInstances", { cluster: "shapes", containerInstances: ["missing"] });
  await call("ListContainerInstances", { cluster: "shapes" });
  await call("DeregisterTaskDefinition", { taskDefinition: "shapes:2" });
  await call("DeleteService", { cluster: "shapes", service: "api", force: true });
}, 60_000);

/** A BLUE_GREEN service whose deployment waits at a PAUSE hook (described while paused), then continues. */
async function pausedBlueGreenDeployment(network: Record<string, unknown>): Promise<void> {
  const { service } = await call("CreateService", {
    cluster: "shapes",
    serviceName: "gated",
    taskDefinition: "shapes:1",
    desiredCount: 1,
    networkConfiguration: network,
    deploymentConfiguration: {
      strategy: "BLUE_GREEN",
      bakeTimeInMinutes: 1,
      lifecycleHooks: [
        {
          targetType: "AWS_LAMBDA",
          hookTargetArn: "arn:aws:lambda:eu-west-1:123456789012:function:shapes-hook",
          roleArn: "arn:aws:iam::123456789012:role/ecs-hooks",
          lifecycleStages: ["PRE_SCALE_UP", "TEST_TRAFFIC_SHIFT"],
          hookDetails: { purpose: "shapes" },
          timeoutConfiguration: { timeoutInMinutes: 10, action: "ROLLBACK" },
        },
        { targetType: "PAUSE", lifecycleStages: ["POST_SCALE_UP"] },
      ],
    },
  });
  const arn = service.currentServiceDeployment as string;
  let hookId: string | undefined;
  for (let attempt = 0; attempt < 500 && hookId === undefined; attempt += 1) {
    const { serviceDeployments } = await call("DescribeServiceDeployments", { serviceDeploymentArns: [arn] });
    const hook = serviceDeployments[0]?.lifecycleHookDetails?.[0];
    if (hook?.status === "AWAITING_ACTION") hookId = hook.hookId;
    else await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await call("ContinueServiceDeployment", { serviceDeploymentArn: arn, hookId });
  await fleet.waitForSteadyState("shapes", "gated", { timeoutMs: 20_000 });
  await call("DescribeServiceDeployments", { serviceDeploymentArns: [arn] });
  await call("DescribeServices", { cluster: "shapes", services: ["gated"] });
  const vetoed = await call("UpdateService", {
    cluster: "shapes",
    service: "gated",
    forceNewDeployment: true,
    deploymentConfiguration: {
      lifecycleHooks: [
        {
          hookTargetArn: "arn:aws:lambda:eu-west-1:123456789012:function:shapes-veto",
          roleArn: "arn:aws:iam::123456789012:role/ecs-hooks",
          lifecycleStages: ["POST_TEST_TRAFFIC_SHIFT"],
        },
      ],
    },
  });
  const vetoedArn = vetoed.service.currentServiceDeployment as string;
  await fleet.waitFor(
    () =>
      fleet.ecs.services
        .get(vetoed.service.serviceArn)
        ?.history.some(
          (d) => d.serviceDeploymentArn === vetoedArn && d.serviceDeploymentStatus === "ROLLBACK_SUCCESSFUL",
        ),
    "a rolled-back blue/green deployment",
    { timeoutMs: 20_000 },
  );
  await call("DescribeServiceDeployments", { serviceDeploymentArns: [vetoedArn] });
}

afterAll(async () => {
  await fleet?.stop();
});

describe("ECS responses match the official model", () => {
  it("serves only operations that exist in the model", () => {
    expect(served.filter((operation) => !(operation in model.operations))).toEqual([]);
  });

  it("returns bodies of every operation without unknown members, missing required members, or wrong types and enums", () => {
    const violations = responses.flatMap(({ operation, body }) =>
      validateOperationOutput(model, operation, body).map((violation) => `${operation}: ${violation}`),
    );
    expect(violations).toEqual([]);
    const validated = new Set(responses.map((response) => response.operation));
    expect(served.filter((operation) => !validated.has(operation))).toEqual([]);
  });
});
