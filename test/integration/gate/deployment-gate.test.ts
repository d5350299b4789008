import { DescribeTasksCommand, ListTasksCommand } from "@aws-sdk/client-ecs";
import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jwtScenario } from "../scenarios/scenario-builders.js";
import { type Harness, startHarness } from "../scenarios/scenario-harness.js";
import { deployRevision, gatedBlueGreen } from "./gate-harness.js";

const oldKey = "gate-old-signing-key-000000000000000001";
const newKey = "gate-new-signing-key-000000000000000002";
let harness: Harness;

/**
 * One fleet for the file: `orders` (reads the watched prod/jwt) and `catalog` (reads prod/other,
 * not watched), both BLUE_GREEN with the gate at POST_SCALE_UP. prod/jwt is rotated once first, so
 * that AWSPREVIOUS exists and `orders` runs tasks of the new key. Each test deploys one revision
 * with a real UpdateService and waits until the deployment and the verifier are settled.
 */
beforeAll(async () => {
  harness = await startHarness(
    jwtScenario(
      [
        { name: "prod/jwt", value: oldKey },
        { name: "prod/other", value: "other-signing-key-000000000000000003" },
      ],
      [
        { name: "orders", image: "sample/jwt-api:jose", deploymentConfiguration: gatedBlueGreen },
        {
          name: "catalog",
          image: "sample/jwt-api:jose",
          secretName: "prod/other",
          deploymentConfiguration: gatedBlueGreen,
        },
      ],
    ),
    {
      config: {
        VERIFIER_WATCHED_SECRETS: "prod/jwt",
        VERIFIER_GATE_CALLBACK_DELAY_SECONDS: "1",
        VERIFIER_GATE_MAX_WAIT_SECONDS: "30",
      },
      fleet: { lifecycleHookTiming: { msPerSecond: 50 } },
    },
  );
  await harness.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: newKey }));
  await harness.settle(30_000);
}, 90_000);

afterAll(async () => {
  await harness?.stop();
});

async function runningTaskDefinitions(service: string): Promise<string[]> {
  const { taskArns = [] } = await harness.ecs.send(
    new ListTasksCommand({ cluster: "prod", serviceName: service }),
  );
  const { tasks = [] } = await harness.ecs.send(
    new DescribeTasksCommand({ cluster: "prod", tasks: taskArns }),
  );
  return tasks.filter((task) => task.lastStatus === "RUNNING").map((task) => task.taskDefinitionArn ?? "");
}

/** What a user with a token signed by the current key gets from each running task of `service`. */
async function userStatuses(service: string): Promise<number[]> {
  const token = await new SignJWT({ sub: "user" })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("1m")
    .sign(new TextEncoder().encode(newKey));
  const endpoints = harness.fleet.runningTasks("prod", service);
  return Promise.all(
    endpoints.map(async (task) => {
      const response = await fetch(`${task.url}/api/orders`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await response.body?.cancel();
      return response.status;
    }),
  );
}

const reasonOf = (answer: { answer: { hookDetails?: Record<string, string> } } | undefined) =>
  answer?.answer.hookDetails?.rolloutVerifierGateReason ?? "";

describe("the deployment gate on a blue/green service", () => {
  it("passes a good revision: SUCCEEDED at POST_SCALE_UP, the deployment completes and the new tasks serve", async () => {
    const deployed = await deployRevision(harness, {
      family: "orders",
      image: "sample/jwt-api:jose",
      secretName: "prod/jwt",
      environment: { RELEASE: "good" },
    });
    expect(deployed.answers.map((answer) => [answer.stage, answer.answer.hookStatus])).toEqual([
      ["POST_SCALE_UP", "SUCCEEDED"],
    ]);
    expect(reasonOf(deployed.answers[0])).toContain("refused forged tokens");
    expect(deployed.status).toBe("SUCCESSFUL");
    expect(await runningTaskDefinitions("orders")).toEqual([
      deployed.taskDefinitionArn,
      deployed.taskDefinitionArn,
    ]);
    expect(await userStatuses("orders")).toEqual([200, 200]);
  }, 60_000);

  it("fails a revision pinned to AWSPREVIOUS: rolled back before traffic, blue still serving users", async () => {
    const blue = await runningTaskDefinitions("orders");
    const deployed = await deployRevision(harness, {
      family: "orders",
      image: "sample/jwt-api:jose",
      secretName: "prod/jwt",
      valueFromSuffix: "::AWSPREVIOUS:",
    });
    expect(deployed.answers.map((answer) => answer.answer.hookStatus)).toEqual(["FAILED"]);
    expect(reasonOf(deployed.answers[0])).toContain("pins prod/jwt");
    expect(reasonOf(deployed.answers[0])).toContain("AWSPREVIOUS");
    expect(deployed.status).toBe("ROLLBACK_SUCCESSFUL");
    expect(await runningTaskDefinitions("orders")).toEqual(blue);
    expect(await userStatuses("orders")).toEqual([200, 200]);
  }, 60_000);

  it("fails a revision that accepts alg none tokens, with a critical finding naming the task", async () => {
    const logBefore = harness.log().length;
    const deployed = await deployRevision(harness, {
      family: "orders",
      image: "sample/jwt-api:insecure",
      secretName: "prod/jwt",
    });
    expect(deployed.answers.map((answer) => answer.answer.hookStatus)).toEqual(["FAILED"]);
    expect(reasonOf(deployed.answers[0])).toContain("critical: it accepted an unsigned token (alg: none)");
    expect(deployed.status).toBe("ROLLBACK_SUCCESSFUL");
    const records = harness
      .log()
      .slice(logBefore)
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const decided = records.find((record) => record.message === "deployment gate decided");
    expect(decided).toMatchObject({ level: "ERROR", hookStatus: "FAILED" });
    expect(decided?.blocks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ critical: true, taskArn: expect.stringContaining(":task/prod/") }),
      ]),
    );
    expect(
      records.some((record) => record.severity === "critical" && record.kind === "accepts-alg-none"),
    ).toBe(true);
    expect(await userStatuses("orders")).toEqual([200, 200]);
  }, 60_000);

  it("answers IN_PROGRESS while slow-starting new tasks warm up, then SUCCEEDED", async () => {
    const deployed = await deployRevision(harness, {
      family: "orders",
      image: "sample/jwt-api:jose",
      secretName: "prod/jwt",
      environment: { SAMPLE_APP_WARM_UP_MS: "1500" },
    });
    const statuses = deployed.answers.map((answer) => answer.answer.hookStatus);
    expect(statuses[0]).toBe("IN_PROGRESS");
    expect(statuses.at(-1)).toBe("SUCCEEDED");
    expect(new Set(statuses.slice(0, -1))).toEqual(new Set(["IN_PROGRESS"]));
    expect(deployed.answers[0]?.answer.callBackDelay).toBe(1);
    expect(reasonOf(deployed.answers[0])).toContain("HTTP 503");
    expect(deployed.status).toBe("SUCCESSFUL");
  }, 60_000);

  it("passes at once a service that reads no watched secret", async () => {
    const deployed = await deployRevision(harness, {
      family: "catalog",
      image: "sample/jwt-api:jose",
      secretName: "prod/other",
      environment: { RELEASE: "2" },
    });
    expect(deployed.answers.map((answer) => answer.answer.hookStatus)).toEqual(["SUCCEEDED"]);
    expect(reasonOf(deployed.answers[0])).toContain("reads no watched secret");
    expect(deployed.status).toBe("SUCCESSFUL");
  }, 60_000);

  it("lets a deployment through when its AWS calls fail (the default open policy), and says so", async () => {
    harness.fleet.faults.set("ecs.DescribeServiceRevisions", { serverErrorRate: 1 });
    try {
      const deployed = await deployRevision(harness, {
        family: "orders",
        image: "sample/jwt-api:jose",
        secretName: "prod/jwt",
        environment: { RELEASE: "during-an-outage" },
      });
      expect(deployed.answers.map((answer) => answer.answer.hookStatus)).toEqual(["SUCCEEDED"]);
      expect(reasonOf(deployed.answers[0])).toMatch(
        /could not verify \(AWS_CALL_FAILED: DescribeServiceRevisions/,
      );
      expect(reasonOf(deployed.answers[0])).toContain("open failure policy lets the deployment through");
      expect(deployed.status).toBe("SUCCESSFUL");
    } finally {
      harness.fleet.faults.clear("ecs.DescribeServiceRevisions");
    }
  }, 90_000);
});
