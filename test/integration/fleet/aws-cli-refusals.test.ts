import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fleet, startFleet } from "../../../fleet/start-fleet.js";
import { CrossCheckTool, crossCheckToolsAvailable } from "../../support/cross-check-tools.js";
import { runAws } from "./fleet-test-helpers.js";

/** The tool this suite cross-checks with; see test/support/cross-check-tools.ts. */
const available = crossCheckToolsAvailable(CrossCheckTool.awsCli);

let fleet: Fleet;
const role = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";
const aws = (...args: string[]) => runAws(fleet.endpoint, args);
const container = (valueFrom: string) =>
  JSON.stringify([
    {
      name: "api",
      image: "sample/jwt-api:jose",
      portMappings: [{ containerPort: 8080 }],
      secrets: [{ name: "JWT_SECRET", valueFrom }],
    },
  ]);

beforeAll(async () => {
  if (!available) return;
  fleet = await startFleet({ taskStartDelayMs: 20, deploymentPacing: { stepDelayMs: 5 } });
});

afterAll(async () => {
  if (!available) return;
  await fleet?.stop();
});

describe.runIf(available)("the AWS CLI meets the fleet's refusals with ECS's error codes", () => {
  it("register-task-definition for FARGATE without --cpu/--memory or with secrets but no --execution-role-arn, and create-service or run-task without --network-configuration, fail as on ECS", async () => {
    const { ARN } = await aws(
      "secretsmanager",
      "create-secret",
      "--name",
      "cli/ref",
      "--secret-string",
      "k-0123456789",
    );
    await aws("ecs", "create-cluster", "--cluster-name", "cliref");
    const register = [
      "ecs",
      "register-task-definition",
      "--family",
      "cliref",
      "--network-mode",
      "awsvpc",
      "--execution-role-arn",
      role,
    ];
    const fargate = [
      ...register,
      "--requires-compatibilities",
      "FARGATE",
      "--container-definitions",
      container(ARN),
    ];
    await expect(aws(...fargate, "--memory", "512")).rejects.toThrow(
      "An error occurred (ClientException) when calling the RegisterTaskDefinition operation: Fargate requires that 'cpu' be defined at the task level.",
    );
    await expect(aws(...fargate, "--cpu", "256")).rejects.toThrow(
      "An error occurred (ClientException) when calling the RegisterTaskDefinition operation: Fargate requires that 'memory' be defined at the task level.",
    );
    await expect(
      aws(
        ...fargate.filter((arg) => arg !== "--execution-role-arn" && arg !== role),
        "--cpu",
        "256",
        "--memory",
        "512",
      ),
    ).rejects.toThrow(
      "An error occurred (ClientException) when calling the RegisterTaskDefinition operation: When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.",
    );
    await aws(...fargate, "--cpu", "256", "--memory", "512");
    const missingNetwork =
      "An error occurred (InvalidParameterException) when calling the %s operation: Network Configuration must be provided when networkMode 'awsvpc' is specified.";
    await expect(
      aws(
        "ecs",
        "create-service",
        "--cluster",
        "cliref",
        "--service-name",
        "api",
        "--task-definition",
        "cliref",
        "--desired-count",
        "1",
      ),
    ).rejects.toThrow(missingNetwork.replace("%s", "CreateService"));
    await expect(
      aws("ecs", "run-task", "--cluster", "cliref", "--task-definition", "cliref"),
    ).rejects.toThrow(missingNetwork.replace("%s", "RunTask"));
  });

  it("a bare name in valueFrom is an SSM parameter: run-task's task stops with ECS's reason", async () => {
    await aws(
      "ecs",
      "register-task-definition",
      "--family",
      "bare",
      "--network-mode",
      "awsvpc",
      "--execution-role-arn",
      role,
      "--container-definitions",
      container("cli/ref"),
    );
    const { tasks } = await aws(
      "ecs",
      "run-task",
      "--cluster",
      "cliref",
      "--task-definition",
      "bare",
      "--network-configuration",
      "awsvpcConfiguration={subnets=[subnet-0local]}",
    );
    const arn = tasks[0].taskArn as string;
    await fleet.waitFor(() => fleet.ecs.tasks.get(arn)?.lastStatus === "STOPPED", "bare-name task stopped");
    const described = await aws("ecs", "describe-tasks", "--cluster", "cliref", "--tasks", arn);
    expect(described.tasks[0]).toMatchObject({
      lastStatus: "STOPPED",
      stopCode: "TaskFailedToStart",
      stoppedReason: expect.stringMatching(
        /unable to retrieve secrets from ssm: .*invalid ssm parameters: cli\/ref$/,
      ),
    });
  });
});
