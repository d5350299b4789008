import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fleet, startFleet } from "../../../fleet/start-fleet.js";
import { CrossCheckTool, crossCheckToolsAvailable } from "../../support/cross-check-tools.js";
import { type CliJson, probe, signToken } from "./fleet-test-helpers.js";

/** The tool this suite cross-checks with; see test/support/cross-check-tools.ts. */
const available = crossCheckToolsAvailable(CrossCheckTool.boto3);

/**
 * A client nobody here wrote: boto3/botocore drive the fleet with their own parameter validation,
 * response parsing, waiter and paginator models (`boto3_cross_check.py`). The script prints one
 * JSON document of facts; this side asserts on them and probes the tasks it found.
 */

const script = fileURLToPath(new URL("./boto3_cross_check.py", import.meta.url));
const oldKey = "boto3-cross-check-old-key-0123456789";
const newKey = "boto3-cross-check-new-key-9876543210";
let fleet: Fleet;
let child: ChildProcess | undefined;
let facts: CliJson;
let stdout = "";

/** Runs the script once against the fleet: dummy credentials, no config file, no proxy, eu-west-1. */
function runScript(endpoint: string): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: "AKIDBOTO3CHECK",
    AWS_SECRET_ACCESS_KEY: "boto3-check-secret-key",
    AWS_DEFAULT_REGION: "eu-west-1",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
    NO_PROXY: "*",
    BOTO3_CHECK_OLD_KEY: oldKey,
    BOTO3_CHECK_NEW_KEY: newKey,
  };
  return new Promise((resolve, reject) => {
    const python = spawn(process.env.PYTHON ?? "python3", [script, endpoint], { env });
    child = python;
    let out = "";
    let err = "";
    python.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    python.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    python.once("error", reject);
    python.once("close", (code) => {
      child = undefined;
      if (code === 0) resolve(out);
      else reject(new Error(`boto3_cross_check.py exited with ${code}: ${err.slice(-2000)}`));
    });
  });
}

beforeAll(async () => {
  if (!available) return;
  fleet = await startFleet({ taskStartDelayMs: 20, deploymentPacing: { stepDelayMs: 5 } });
  stdout = await runScript(fleet.endpoint);
  facts = JSON.parse(stdout) as CliJson;
}, 30_000);

afterAll(async () => {
  if (!available) return;
  child?.kill("SIGKILL");
  await fleet?.stop();
});

describe.runIf(available)("boto3 drives the fleet", () => {
  it("reads versions by stage and sees put, a custom label and rotation move the staging labels", () => {
    const { secrets } = facts;
    const { v1, v2, v3 } = secrets.versionIds;
    expect(secrets.distinctVersionIds).toBe(3);
    expect(secrets.previousBeforeRotation).toEqual({
      versionId: v1,
      isOldKey: true,
      stages: ["AWSPREVIOUS"],
    });
    expect(secrets.currentBeforeRotation).toEqual({ versionId: v2, isNewKey: true });
    expect(secrets.updateStage).toEqual({ arn: secrets.arn, name: "boto/jwt" });
    expect(secrets.rotate).toEqual({ arn: secrets.arn, name: "boto/jwt" });
    expect(secrets.describe).toEqual({
      rotationEnabled: true,
      rotationDays: 30,
      lastRotatedDateType: "datetime",
      versionIdsToStages: { [v2]: ["AWSPREVIOUS", "REVIEWED"], [v3]: ["AWSCURRENT"] },
    });
    expect(secrets.previousAfterRotation).toEqual({ versionId: v2, isNewKey: true });
    expect(secrets.listedVersions).toEqual({ [v2]: ["AWSPREVIOUS", "REVIEWED"], [v3]: ["AWSCURRENT"] });
    expect(secrets.listedWithDeprecated).toEqual([v1, v2, v3].sort());
  });

  it("registers the awsvpc task definition and creates the tagged service", () => {
    expect(facts.ecs.taskDefinition).toEqual({ revision: 1, status: "ACTIVE", networkMode: "awsvpc" });
    expect(facts.ecs.created).toMatchObject({ status: "ACTIVE", desiredCount: 2, deployments: 1 });
    expect(facts.firstService.tags).toEqual([{ key: "team", value: "identity" }]);
  });

  it("botocore's services_stable waiter succeeds before and after the forced deployment", () => {
    expect(facts.firstWait.succeeded).toBe(true);
    expect(facts.secondWait.succeeded).toBe(true);
    expect(facts.secondWait.describeCalls).toBeGreaterThanOrEqual(1);
    expect(facts.firstService).toMatchObject({ status: "ACTIVE", desiredCount: 2, runningCount: 2 });
  });

  it("describes every task RUNNING with a loopback ENI address and the PRIMARY deployment id as startedBy", () => {
    for (const [tasks, service] of [
      [facts.firstTasks, facts.firstService],
      [facts.finalTasks, facts.finalService],
    ] as const) {
      const primary = service.deployments.find((d: CliJson) => d.status === "PRIMARY");
      expect(tasks).toHaveLength(2);
      for (const task of tasks) {
        expect(task).toMatchObject({
          lastStatus: "RUNNING",
          startedBy: primary.id,
          group: "service:api",
          startedAtType: "datetime",
          tags: [{ key: "team", value: "identity" }],
        });
        expect(task.address).toMatch(/^127\.\d+\.\d+\.\d+$/);
        expect(task.containerAddress).toBe(task.address);
      }
    }
  });

  it("botocore's paginators walk list_clusters, list_services and list_tasks one item per page", () => {
    expect(facts.paginators).toEqual({
      list_clusters: { pages: 2, items: 2 },
      list_services: { pages: 2, items: 2 },
      list_tasks: { pages: 2, items: 2 },
    });
  });

  it("completes the forced deployment as the only PRIMARY deployment and replaces every task", () => {
    const [forced, previous] = facts.forced.deployments;
    expect(forced.status).toBe("PRIMARY");
    expect(previous).toEqual({ id: facts.firstService.deployments[0].id, status: "ACTIVE" });
    expect(facts.finalService).toMatchObject({
      status: "ACTIVE",
      desiredCount: 2,
      runningCount: 2,
      deployments: [{ id: forced.id, status: "PRIMARY", rolloutState: "COMPLETED", runningCount: 2 }],
    });
    expect(facts.finalService.deployments).toHaveLength(1);
    const firstArns = facts.firstTasks.map((task: CliJson) => task.taskArn);
    expect(facts.finalTasks.filter((task: CliJson) => firstArns.includes(task.taskArn))).toEqual([]);
  });

  it("answers missing resources with botocore ClientErrors carrying the service's codes", () => {
    expect(facts.errors).toEqual({
      describeServicesMissingCluster: {
        code: "ClusterNotFoundException",
        status: 400,
        operation: "DescribeServices",
      },
      getSecretValueMissingSecret: {
        code: "ResourceNotFoundException",
        status: 400,
        operation: "GetSecretValue",
      },
    });
  });

  it("sends responses that fit botocore's output shapes: types, enums, no member the model lacks", () => {
    expect(facts.shapeProblems).toEqual([]);
  });

  it("needed no retry: the fleet answered each boto3 call once, and failed only the two error cases", () => {
    const made = Object.values(facts.calls as Record<string, number>).reduce((sum, n) => sum + n, 0);
    expect(fleet.callLog.count()).toBe(made);
    const failed = fleet.callLog.entries().filter((entry) => entry.status >= 400);
    expect(failed.map((entry) => `${entry.operation} ${entry.status}`).sort()).toEqual([
      "DescribeServices 400",
      "GetSecretValue 400",
    ]);
  });

  it("after the forced deployment each task accepts the current key and rejects the previous ones", async () => {
    const current = fleet.secrets.resolveValueFrom(facts.secrets.arn);
    const [currentToken, previousToken, oldToken] = await Promise.all([
      signToken(current),
      signToken(newKey),
      signToken(oldKey),
    ]);
    const statuses = await Promise.all(
      facts.finalTasks.map(async (task: CliJson) => [
        await probe(task.address, currentToken),
        await probe(task.address, previousToken),
        await probe(task.address, oldToken),
      ]),
    );
    expect(statuses).toEqual([
      [200, 401, 401],
      [200, 401, 401],
    ]);
  });

  it("prints no secret value", () => {
    const current = fleet.secrets.resolveValueFrom(facts.secrets.arn);
    for (const value of [oldKey, newKey, current]) expect(stdout.includes(value)).toBe(false);
  });
});
