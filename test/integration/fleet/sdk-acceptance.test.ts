import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  StopTaskCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fleet, startFleet } from "../../../fleet/start-fleet.js";
import { acceptedKeys } from "./fleet-test-helpers.js";

const oldKey = "sdk-acceptance-old-key-0123456789abcdef";
const newKey = "sdk-acceptance-new-key-fedcba9876543210";
let fleet: Fleet;
let ecs: ECSClient;
let secrets: SecretsManagerClient;

beforeAll(async () => {
  fleet = await startFleet({ taskStartDelayMs: 20, deploymentPacing: { stepDelayMs: 5 } });
  const config = {
    endpoint: fleet.endpoint,
    region: "eu-west-1",
    credentials: { accessKeyId: "AKIDFLEETTEST", secretAccessKey: "fleet-test-secret-key" },
  };
  ecs = new ECSClient(config);
  secrets = new SecretsManagerClient(config);
});

afterAll(async () => {
  ecs?.destroy();
  secrets?.destroy();
  await fleet?.stop();
});

async function runningTasks() {
  const { taskArns = [] } = await ecs.send(new ListTasksCommand({ cluster: "sdk", serviceName: "api" }));
  const { tasks = [] } = await ecs.send(
    new DescribeTasksCommand({ cluster: "sdk", tasks: taskArns, include: ["TAGS"] }),
  );
  return tasks.filter((task) => task.lastStatus === "RUNNING");
}

const addressOf = (task: { containers?: { networkInterfaces?: { privateIpv4Address?: string }[] }[] }) =>
  task.containers?.[0]?.networkInterfaces?.[0]?.privateIpv4Address ?? "";

describe("the AWS SDK v3 clients drive the fleet", () => {
  it("runs a secret-injected service, keeps old keys until tasks are replaced, and completes a forced deployment", async () => {
    const secret = await secrets.send(new CreateSecretCommand({ Name: "sdk/jwt", SecretString: oldKey }));
    await ecs.send(new CreateClusterCommand({ clusterName: "sdk" }));
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "sdk-api",
        networkMode: "awsvpc",
        executionRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
        containerDefinitions: [
          {
            name: "api",
            image: "sample/jwt-api:jsonwebtoken-9",
            portMappings: [{ containerPort: 8080 }],
            secrets: [{ name: "JWT_SECRET", valueFrom: secret.ARN }],
          },
        ],
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: "sdk",
        serviceName: "api",
        taskDefinition: "sdk-api",
        desiredCount: 4,
        enableECSManagedTags: true,
        networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0local"] } },
      }),
    );
    await fleet.waitForSteadyState("sdk", "api");
    const first = await runningTasks();
    expect(first).toHaveLength(4);
    expect(first[0]?.createdAt).toBeInstanceOf(Date);
    expect(first[0]?.tags).toContainEqual({ key: "aws:ecs:serviceName", value: "api" });
    expect(await acceptedKeys(first.map(addressOf), oldKey, "another-key")).toEqual([
      "old",
      "old",
      "old",
      "old",
    ]);

    await secrets.send(new PutSecretValueCommand({ SecretId: "sdk/jwt", SecretString: newKey }));
    const victims = first.slice(0, 2).map((task) => task.taskArn ?? "");
    for (const task of victims) await ecs.send(new StopTaskCommand({ cluster: "sdk", task }));
    await fleet.waitFor(
      () =>
        victims.every((arn) => fleet.ecs.tasks.get(arn)?.lastStatus === "STOPPED") &&
        fleet.runningTasks("sdk", "api").length === 4,
      "two replacements",
    );
    const mixed = await runningTasks();
    expect((await acceptedKeys(mixed.map(addressOf), oldKey, newKey)).sort()).toEqual([
      "new",
      "new",
      "old",
      "old",
    ]);

    const { service } = await ecs.send(
      new UpdateServiceCommand({ cluster: "sdk", service: "api", forceNewDeployment: true }),
    );
    const forced = service?.deployments?.[0]?.id ?? "";
    expect(forced).toMatch(/^ecs-svc\/\d{19}$/);
    await fleet.waitForDeployment("sdk", "api", forced);
    await fleet.waitForSteadyState("sdk", "api");
    const { services = [] } = await ecs.send(
      new DescribeServicesCommand({ cluster: "sdk", services: ["api"] }),
    );
    expect(services[0]?.deployments).toMatchObject([
      { id: forced, status: "PRIMARY", rolloutState: "COMPLETED" },
    ]);
    const final = await runningTasks();
    expect(final.every((task) => task.startedBy === forced)).toBe(true);
    expect(await acceptedKeys(final.map(addressOf), oldKey, newKey)).toEqual(["new", "new", "new", "new"]);
  });

  it("answers SDK errors with the modelled exception types", async () => {
    await expect(
      ecs.send(new DescribeServicesCommand({ cluster: "nope", services: ["api"] })),
    ).rejects.toMatchObject({
      name: "ClusterNotFoundException",
      $metadata: { httpStatusCode: 400 },
    });
  });
});
