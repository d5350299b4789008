import {
  DescribeServiceDeploymentsCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jwtScenario } from "../scenarios/scenario-builders.js";
import { type Harness, startHarness } from "../scenarios/scenario-harness.js";
import { gateAnswers, gatedBlueGreen } from "./gate-harness.js";

let harness: Harness;

/**
 * `orders` runs BLUE_GREEN with the gate at POST_SCALE_UP. prod/jwt is rotated after its tasks
 * started, so they hold the old key; the verifier may force only tagged services
 * (VERIFIER_REDEPLOY_TAG) and `orders` carries no tag, so it leaves them stale. The test then
 * redeploys the same task definition (forceNewDeployment), the fix an operator would make.
 */
beforeAll(async () => {
  harness = await startHarness(
    jwtScenario(
      [{ name: "prod/jwt", value: "gate-redeploy-old-key-00000000000000001" }],
      [{ name: "orders", image: "sample/jwt-api:jose", deploymentConfiguration: gatedBlueGreen }],
    ),
    {
      config: {
        VERIFIER_WATCHED_SECRETS: "prod/jwt",
        VERIFIER_REDEPLOY_TAG: "rollout-verifier:redeploy=true",
        VERIFIER_GATE_CALLBACK_DELAY_SECONDS: "1",
        VERIFIER_GATE_MAX_WAIT_SECONDS: "30",
      },
      fleet: { lifecycleHookTiming: { msPerSecond: 50 } },
    },
  );
  await harness.secrets.send(
    new PutSecretValueCommand({
      SecretId: "prod/jwt",
      SecretString: "gate-redeploy-new-key-000000000000002",
    }),
  );
  await harness.settle(30_000);
}, 90_000);

afterAll(async () => {
  await harness?.stop();
});

async function liveTasks() {
  const { taskArns = [] } = await harness.ecs.send(
    new ListTasksCommand({ cluster: "prod", serviceName: "orders" }),
  );
  if (taskArns.length === 0) return [];
  const { tasks = [] } = await harness.ecs.send(
    new DescribeTasksCommand({ cluster: "prod", tasks: taskArns }),
  );
  return tasks;
}

/** The gate's `deployment gate decided` records from the function's log. */
function gateRecords(): Record<string, unknown>[] {
  return harness
    .log()
    .split("\n")
    .filter((line) => line.startsWith("{") && line.includes('"deployment gate decided"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("the gate on a redeploy of the same task definition (forceNewDeployment, BLUE_GREEN)", () => {
  it("judges only the tasks created after the service deployment started and lets the fix through", async () => {
    const blue = await liveTasks();
    expect(blue).toHaveLength(2);
    const blueArns = blue.map((task) => task.taskArn ?? "");
    const taskDefinition = blue[0]?.taskDefinitionArn;
    expect(harness.latestServiceReport("orders")?.verdict).not.toBe("converged");

    const before = gateAnswers(harness).length;
    await harness.ecs.send(
      new UpdateServiceCommand({ cluster: "prod", service: "orders", forceNewDeployment: true }),
    );
    await harness.settle(30_000);

    const answers = gateAnswers(harness).slice(before);
    expect(answers.map((answer) => [answer.stage, answer.answer.hookStatus])).toEqual([
      ["POST_SCALE_UP", "SUCCEEDED"],
    ]);
    expect(answers[0]?.answer.hookDetails?.rolloutVerifierGateReason).toContain("refused forged tokens");

    const { serviceDeployments: briefs = [] } = await harness.ecs.send(
      new ListServiceDeploymentsCommand({ cluster: "prod", service: "orders" }),
    );
    const latest = [...briefs].sort(
      (a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0),
    )[0];
    expect(latest?.status).toBe("SUCCESSFUL");
    const { serviceDeployments = [] } = await harness.ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [latest?.serviceDeploymentArn ?? ""] }),
    );
    const deployment = serviceDeployments[0];
    const startedAt = deployment?.startedAt?.getTime() ?? Number.NaN;
    expect(deployment?.createdAt?.getTime()).toBe(startedAt);

    const green = await liveTasks();
    expect(green).toHaveLength(2);
    for (const task of green) {
      expect(blueArns).not.toContain(task.taskArn);
      expect(task.taskDefinitionArn).toBe(taskDefinition);
      expect(task.createdAt?.getTime()).toBeGreaterThanOrEqual(startedAt);
    }
    for (const task of blue) expect(task.createdAt?.getTime()).toBeLessThan(startedAt);

    const record = gateRecords().at(-1);
    expect(record).toMatchObject({ hookStatus: "SUCCEEDED", verdict: "SUCCEEDED", byPolicy: false });
    const id = latest?.serviceDeploymentArn?.split("/").pop();
    expect(record?.greenRule).toBe(
      `tasks on orders:1 created at or after service deployment ${id} started at ${new Date(startedAt).toISOString()}`,
    );
  }, 90_000);
});
