import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fleet, startFleet } from "../../../fleet/start-fleet.js";
import { CrossCheckTool, crossCheckToolsAvailable } from "../../support/cross-check-tools.js";
import { acceptedKeys, type CliJson, runAws } from "./fleet-test-helpers.js";

/** The tool this suite cross-checks with; see test/support/cross-check-tools.ts. */
const available = crossCheckToolsAvailable(CrossCheckTool.awsCli);

const oldKey = "cli-acceptance-old-key-0123456789abcdef";
const newKey = "cli-acceptance-new-key-fedcba9876543210";
let fleet: Fleet;
const aws = (...args: string[]) => runAws(fleet.endpoint, args);

async function runningAddresses(): Promise<string[]> {
  const { taskArns } = await aws("ecs", "list-tasks", "--cluster", "acc", "--service-name", "api");
  const { tasks } = await aws("ecs", "describe-tasks", "--cluster", "acc", "--tasks", ...taskArns);
  return tasks
    .filter((task: { lastStatus: string }) => task.lastStatus === "RUNNING")
    .map((task: CliJson) => task.containers[0].networkInterfaces[0].privateIpv4Address as string);
}

beforeAll(async () => {
  if (!available) return;
  fleet = await startFleet({ taskStartDelayMs: 20, deploymentPacing: { stepDelayMs: 5 } });
});

afterAll(async () => {
  if (!available) return;
  await fleet?.stop();
});

describe.runIf(available)("the AWS CLI drives the fleet", () => {
  it("runs a secret-injected service, keeps old keys until tasks are replaced, and completes a forced deployment", async () => {
    const secret = await aws(
      "secretsmanager",
      "create-secret",
      "--name",
      "acc/jwt",
      "--secret-string",
      oldKey,
    );
    await aws("ecs", "create-cluster", "--cluster-name", "acc");
    const definition = {
      family: "acc-api",
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
          secrets: [{ name: "JWT_SECRET", valueFrom: secret.ARN }],
        },
      ],
    };
    const file = join(tmpdir(), `fleet-acc-td-${process.pid}.json`);
    await writeFile(file, JSON.stringify(definition));
    await aws("ecs", "register-task-definition", "--cli-input-json", `file://${file}`);
    await aws(
      "ecs",
      "create-service",
      "--cluster",
      "acc",
      "--service-name",
      "api",
      "--task-definition",
      "acc-api",
      "--desired-count",
      "4",
      "--network-configuration",
      "awsvpcConfiguration={subnets=[subnet-0local]}",
    );
    await fleet.waitForSteadyState("acc", "api");

    const first = await runningAddresses();
    expect(first).toHaveLength(4);
    expect(await acceptedKeys(first, oldKey, "some-other-key")).toEqual(["old", "old", "old", "old"]);

    await aws("secretsmanager", "put-secret-value", "--secret-id", "acc/jwt", "--secret-string", newKey);
    expect(await acceptedKeys(first, oldKey, newKey)).toEqual(["old", "old", "old", "old"]);

    const { taskArns } = await aws("ecs", "list-tasks", "--cluster", "acc", "--service-name", "api");
    for (const arn of taskArns.slice(0, 2)) await aws("ecs", "stop-task", "--cluster", "acc", "--task", arn);
    const victims = taskArns.slice(0, 2) as string[];
    await fleet.waitFor(
      () =>
        victims.every((arn) => fleet.ecs.tasks.get(arn)?.lastStatus === "STOPPED") &&
        fleet.runningTasks("acc", "api").length === 4,
      "two replacements",
    );
    const mixed = await runningAddresses();
    expect((await acceptedKeys(mixed, oldKey, newKey)).sort()).toEqual(["new", "new", "old", "old"]);

    const { service } = await aws(
      "ecs",
      "update-service",
      "--cluster",
      "acc",
      "--service",
      "api",
      "--force-new-deployment",
    );
    const forced = service.deployments[0].id as string;
    expect(await fleet.waitForDeployment("acc", "api", forced)).toMatchObject({ rolloutState: "COMPLETED" });
    await fleet.waitForSteadyState("acc", "api");
    const described = await aws("ecs", "describe-services", "--cluster", "acc", "--services", "api");
    expect(described.services[0].deployments).toMatchObject([
      {
        id: forced,
        status: "PRIMARY",
        rolloutState: "COMPLETED",
        rolloutStateReason: `ECS deployment ${forced} completed.`,
      },
    ]);
    const final = await runningAddresses();
    expect(final.filter((address) => mixed.includes(address))).toEqual([]);
    expect(await acceptedKeys(final, oldKey, newKey)).toEqual(["new", "new", "new", "new"]);
  }, 180_000);
});
