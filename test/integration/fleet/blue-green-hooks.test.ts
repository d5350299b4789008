import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  type ServiceDeployment,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invokeLocalLambda } from "../../../fleet/lambda/lambda-function-registry.js";
import { LocalLambda } from "../../../fleet/lambda/local-lambda.js";
import { type Fleet, startFleet } from "../../../fleet/start-fleet.js";
import { acceptedKeys } from "./fleet-test-helpers.js";

const oldKey = "blue-green-old-key-0123456789abcdef";
const newKey = "blue-green-new-key-fedcba9876543210";
const hookTargetArn = "arn:aws:lambda:eu-west-1:123456789012:function:gate-fixture";
const roleArn = "arn:aws:iam::123456789012:role/ecs-lifecycle-hooks";
let fleet: Fleet;
let ecs: ECSClient;
let hook: LocalLambda;

beforeAll(async () => {
  fleet = await startFleet({
    taskStartDelayMs: 20,
    deploymentPacing: { stepDelayMs: 5 },
    lifecycleHookTiming: { msPerSecond: 1 },
  });
  hook = new LocalLambda({
    bundlePath: resolve("test/fixtures/lambda/lifecycle-hook-handler.mjs"),
    logFile: join(mkdtempSync(join(tmpdir(), "blue-green-")), "gate-fixture.log"),
    functionName: "gate-fixture",
  });
  fleet.lambdaFunctions.register("gate-fixture", invokeLocalLambda(hook));
  ecs = new ECSClient({
    endpoint: fleet.endpoint,
    region: "eu-west-1",
    credentials: { accessKeyId: "AKIDFLEETTEST", secretAccessKey: "fleet-test-secret-key" },
  });
  const create = fleet.secrets.operations.CreateSecret;
  await create?.({ Name: "bg/old", SecretString: oldKey });
  await create?.({ Name: "bg/new", SecretString: newKey });
  const arnOf = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}`;
  await ecs.send(new CreateClusterCommand({ clusterName: "bg" }));
  for (const secret of ["bg/old", "bg/new"]) {
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "bg-api",
        networkMode: "awsvpc",
        executionRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
        containerDefinitions: [
          {
            name: "api",
            image: "sample/jwt-api:jose",
            portMappings: [{ containerPort: 8080 }],
            secrets: [{ name: "JWT_SECRET", valueFrom: arnOf(secret) }],
          },
        ],
      }),
    );
  }
}, 30_000);

afterAll(async () => {
  ecs?.destroy();
  await hook?.stop();
  await fleet?.stop();
});

const hooksAnswering = (answer: string) => [
  { hookTargetArn, roleArn, lifecycleStages: ["POST_SCALE_UP" as const], hookDetails: { answer } },
];

/** A steady BLUE_GREEN service on bg-api:1 (old key), then an UpdateService to bg-api:2 whose hook answers `answer`. */
async function deployGreen(name: string, answer: string) {
  await ecs.send(
    new CreateServiceCommand({
      cluster: "bg",
      serviceName: name,
      taskDefinition: "bg-api:1",
      desiredCount: 2,
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0local"] } },
      deploymentConfiguration: {
        strategy: "BLUE_GREEN",
        bakeTimeInMinutes: 1,
        lifecycleHooks: hooksAnswering("SUCCEEDED"),
      },
    }),
  );
  await fleet.waitForSteadyState("bg", name, { timeoutMs: 20_000 });
  const blue = await runningTasks(name);
  const { service } = await ecs.send(
    new UpdateServiceCommand({
      cluster: "bg",
      service: name,
      taskDefinition: "bg-api:2",
      deploymentConfiguration: { lifecycleHooks: hooksAnswering(answer) },
    }),
  );
  const arn = service?.currentServiceDeployment ?? "";
  return { blue, deployment: await settled(arn) };
}

/** Polls DescribeServiceDeployments until the deployment is SUCCESSFUL or its rollback has ended. */
async function settled(arn: string): Promise<ServiceDeployment> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const { serviceDeployments = [] } = await ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }),
    );
    const status = serviceDeployments[0]?.status ?? "";
    if (["SUCCESSFUL", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED", "STOPPED"].includes(status))
      return serviceDeployments[0] as ServiceDeployment;
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error(`deployment ${arn} did not settle`);
}

async function runningTasks(service: string) {
  const { taskArns = [] } = await ecs.send(new ListTasksCommand({ cluster: "bg", serviceName: service }));
  const { tasks = [] } = await ecs.send(new DescribeTasksCommand({ cluster: "bg", tasks: taskArns }));
  return tasks
    .filter((task) => task.lastStatus === "RUNNING" && task.desiredStatus === "RUNNING")
    .map((task) => ({
      arn: task.taskArn ?? "",
      taskDefinitionArn: task.taskDefinitionArn ?? "",
      address: task.containers?.[0]?.networkInterfaces?.[0]?.privateIpv4Address ?? "",
    }));
}

const hookCalls = (stage: string) =>
  hook.invocations.filter((record) => (record.event as { lifecycleStage?: string }).lifecycleStage === stage);

describe("blue/green deployments through the fleet's Lambda runtime", () => {
  it("completes a green revision whose hook answers SUCCEEDED: blue stopped, every task serves the new key", async () => {
    const { deployment } = await deployGreen("passes", "SUCCEEDED");
    expect(deployment).toMatchObject({ status: "SUCCESSFUL", lifecycleStage: "CLEAN_UP" });
    const { serviceRevisions = [] } = await ecs.send(
      new DescribeServiceRevisionsCommand({
        serviceRevisionArns: [deployment.targetServiceRevision?.arn ?? ""],
      }),
    );
    expect(serviceRevisions[0]?.taskDefinition).toMatch(/:task-definition\/bg-api:2$/);
    await fleet.waitForSteadyState("bg", "passes", { timeoutMs: 10_000 });
    const tasks = await runningTasks("passes");
    expect(tasks.map((task) => task.taskDefinitionArn.split(":").at(-1))).toEqual(["2", "2"]);
    expect(
      await acceptedKeys(
        tasks.map((task) => task.address),
        oldKey,
        newKey,
      ),
    ).toEqual(["new", "new"]);
    const { serviceDeployments = [] } = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: "bg", service: "passes" }),
    );
    expect(serviceDeployments.map((brief) => brief.status)).toEqual(["SUCCESSFUL", "SUCCESSFUL"]);
    expect(serviceDeployments[0]?.serviceDeploymentArn).toBe(deployment.serviceDeploymentArn);
  }, 60_000);

  it("rolls back a green revision whose hook answers FAILED: green stopped, the blue tasks keep serving the old key", async () => {
    const { blue, deployment } = await deployGreen("fails", "FAILED");
    expect(deployment.status).toBe("ROLLBACK_SUCCESSFUL");
    expect(deployment.statusReason).toBe(`lifecycle hook ${hookTargetArn} at POST_SCALE_UP returned FAILED.`);
    const tasks = await runningTasks("fails");
    expect(tasks.map((task) => task.arn).sort()).toEqual(blue.map((task) => task.arn).sort());
    expect(
      await acceptedKeys(
        tasks.map((task) => task.address),
        oldKey,
        newKey,
      ),
    ).toEqual(["old", "old"]);
    const { services = [] } = await ecs.send(
      new DescribeServicesCommand({ cluster: "bg", services: ["fails"] }),
    );
    expect(services[0]?.taskDefinition).toMatch(/bg-api:1$/);
    expect(services[0]?.deployments?.map((d) => [d.status, d.rolloutState])).toEqual([
      ["PRIMARY", "COMPLETED"],
    ]);
  }, 60_000);

  it("re-invokes a hook that answers IN_PROGRESS, with its hookDetails, until it answers SUCCEEDED", async () => {
    const before = hookCalls("POST_SCALE_UP").length;
    const { deployment } = await deployGreen("slow", "IN_PROGRESS_THEN_SUCCEEDED");
    expect(deployment.status).toBe("SUCCESSFUL");
    const calls = hookCalls("POST_SCALE_UP").slice(before + 1);
    expect(calls.map((call) => (call.result as { hookStatus: string }).hookStatus)).toEqual([
      "IN_PROGRESS",
      "SUCCEEDED",
    ]);
    expect((calls[1]?.event as { hookDetails?: unknown } | undefined)?.hookDetails).toEqual({
      answer: "IN_PROGRESS_THEN_SUCCEEDED",
      attempts: 1,
    });
  }, 60_000);

  it("rolls back when the hook function throws", async () => {
    const { blue, deployment } = await deployGreen("throws", "THROW");
    expect(deployment.status).toBe("ROLLBACK_SUCCESSFUL");
    expect(deployment.statusReason).toBe(
      `lifecycle hook ${hookTargetArn} at POST_SCALE_UP invocation failed (Error).`,
    );
    expect((await runningTasks("throws")).map((task) => task.arn).sort()).toEqual(
      blue.map((t) => t.arn).sort(),
    );
  }, 60_000);
});
