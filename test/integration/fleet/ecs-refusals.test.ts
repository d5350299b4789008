import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeTasksCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  RunTaskCommand,
} from "@aws-sdk/client-ecs";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fleet, startFleet } from "../../../fleet/start-fleet.js";
import { acceptedKeys } from "./fleet-test-helpers.js";

const key = "refusals-signing-key-0123456789abcdef";
const network = { awsvpcConfiguration: { subnets: ["subnet-0local"] } };
let fleet: Fleet;
let ecs: ECSClient;
let secrets: SecretsManagerClient;

beforeAll(async () => {
  fleet = await startFleet({ taskStartDelayMs: 20, deploymentPacing: { stepDelayMs: 5 } });
  const config = {
    endpoint: fleet.endpoint,
    region: "eu-west-1",
    credentials: { accessKeyId: "AKIDFLEETTEST", secretAccessKey: "fleet-test-secret-key" },
    maxAttempts: 1,
  };
  ecs = new ECSClient(config);
  secrets = new SecretsManagerClient(config);
  await secrets.send(new CreateSecretCommand({ Name: "refusals/jwt", SecretString: key }));
  await ecs.send(new CreateClusterCommand({ clusterName: "refusals" }));
});

afterAll(async () => {
  ecs?.destroy();
  secrets?.destroy();
  await fleet?.stop();
});

/** The error the SDK throws for `promise`: its name (the `__type`), HTTP status and message. */
async function sdkError(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return { name: error?.name, status: error?.$metadata?.httpStatusCode, message: error?.message };
}

function definition(family: string, valueFrom: string): RegisterTaskDefinitionCommandInput {
  return {
    family,
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    cpu: "256",
    memory: "512",
    executionRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    containerDefinitions: [
      {
        name: "api",
        image: "sample/jwt-api:jose",
        portMappings: [{ containerPort: 8080 }],
        secrets: [{ name: "JWT_SECRET", valueFrom }],
      },
    ],
  };
}

/** RunTask (with subnets) and wait until the task is RUNNING or STOPPED; DescribeTasks's view of it. */
async function runToRest(family: string) {
  const { tasks = [] } = await ecs.send(
    new RunTaskCommand({ cluster: "refusals", taskDefinition: family, networkConfiguration: network }),
  );
  const arn = tasks[0]?.taskArn ?? "";
  await fleet.waitFor(
    () => ["RUNNING", "STOPPED"].includes(fleet.ecs.tasks.get(arn)?.lastStatus ?? ""),
    `task of ${family} at rest`,
  );
  const described = await ecs.send(new DescribeTasksCommand({ cluster: "refusals", tasks: [arn] }));
  return described.tasks?.[0];
}

describe("the fleet refuses, through the AWS SDK, what ECS refuses", () => {
  it("answers ClientException 400 to a FARGATE task definition without task-level cpu, memory or awsvpc", async () => {
    const base = definition(
      "fargate-bad",
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:refusals/jwt",
    );
    const { cpu: _cpu, ...withoutCpu } = base;
    const { memory: _memory, ...withoutMemory } = base;
    expect(await sdkError(ecs.send(new RegisterTaskDefinitionCommand(withoutCpu)))).toEqual({
      name: "ClientException",
      status: 400,
      message: "Fargate requires that 'cpu' be defined at the task level.",
    });
    expect(await sdkError(ecs.send(new RegisterTaskDefinitionCommand(withoutMemory)))).toEqual({
      name: "ClientException",
      status: 400,
      message: "Fargate requires that 'memory' be defined at the task level.",
    });
    expect(
      await sdkError(ecs.send(new RegisterTaskDefinitionCommand({ ...base, networkMode: "bridge" }))),
    ).toEqual({
      name: "ClientException",
      status: 400,
      message: "Fargate only supports network mode ‘awsvpc’.",
    });
  });

  it("answers ClientException 400 to container secrets without a task execution role", async () => {
    const { executionRoleArn: _role, ...withoutRole } = definition(
      "no-role",
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:refusals/jwt",
    );
    expect(await sdkError(ecs.send(new RegisterTaskDefinitionCommand(withoutRole)))).toEqual({
      name: "ClientException",
      status: 400,
      message:
        "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.",
    });
  });

  it("answers InvalidParameterException 400 to CreateService and RunTask of an awsvpc task definition without networkConfiguration", async () => {
    await ecs.send(
      new RegisterTaskDefinitionCommand(
        definition("no-net", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:refusals/jwt"),
      ),
    );
    const expected = {
      name: "InvalidParameterException",
      status: 400,
      message: "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    };
    expect(
      await sdkError(
        ecs.send(
          new CreateServiceCommand({
            cluster: "refusals",
            serviceName: "no-net",
            taskDefinition: "no-net",
            desiredCount: 1,
          }),
        ),
      ),
    ).toEqual(expected);
    expect(
      await sdkError(ecs.send(new RunTaskCommand({ cluster: "refusals", taskDefinition: "no-net" }))),
    ).toEqual(expected);
    expect(fleet.ecs.tasks.size).toBe(0);
  });

  it("fails a task at start whose valueFrom is a bare name: an SSM parameter the account does not have, even though a secret has that name", async () => {
    await ecs.send(new RegisterTaskDefinitionCommand(definition("bare-name", "refusals/jwt")));
    const task = await runToRest("bare-name");
    expect(task).toMatchObject({
      lastStatus: "STOPPED",
      stopCode: "TaskFailedToStart",
      stoppedReason:
        "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: " +
        "unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: refusals/jwt",
    });
    await ecs.send(
      new RegisterTaskDefinitionCommand(
        definition("ssm-arn", "arn:aws:ssm:eu-west-1:123456789012:parameter/refusals/jwt"),
      ),
    );
    expect((await runToRest("ssm-arn"))?.stoppedReason).toMatch(/invalid ssm parameters: \/refusals\/jwt$/);
  });

  it("starts tasks reading the secret through /aws/reference/secretsmanager/, as a name or a parameter ARN", async () => {
    const reference = "/aws/reference/secretsmanager/refusals/jwt";
    await ecs.send(new RegisterTaskDefinitionCommand(definition("ref-name", reference)));
    await ecs.send(
      new RegisterTaskDefinitionCommand(
        definition("ref-arn", `arn:aws:ssm:eu-west-1:123456789012:parameter${reference}`),
      ),
    );
    const running = [await runToRest("ref-name"), await runToRest("ref-arn")];
    expect(running.map((task) => task?.lastStatus)).toEqual(["RUNNING", "RUNNING"]);
    const addresses = running.map(
      (task) => task?.containers?.[0]?.networkInterfaces?.[0]?.privateIpv4Address ?? "",
    );
    expect(await acceptedKeys(addresses, key, "another-key-0123456789")).toEqual(["old", "old"]);
  });
});
