import { describe, expect, it } from "vitest";
import type { ConsumerGroup } from "../../../../lambda/core/consumers/collect-consumer-tasks.js";
import {
  type InspectContext,
  inspectGroups,
  toProbeTargets,
} from "../../../../lambda/core/consumers/inspect-groups.js";
import { findSecretUsage } from "../../../../lambda/core/consumers/secret-usage.js";
import { createTaskDefinitionCache } from "../../../../lambda/core/consumers/task-definition-cache.js";
import { createGapLog } from "../../../../lambda/core/report/gap-log.js";
import type { TaskDefinitionSnapshot } from "../../../../lambda/core/snapshots.js";
import { AwsCallError } from "../../../../lambda/errors.js";
import { aService, aTask, aTaskDefinition, clusterArn, currentVersion, secretArn } from "../builders.js";
import { createFakeEcs } from "../fake-ports.js";

/**
 * What inspectGroups tells about each task: which variable's key a probe signs with (the
 * probe-secret tag, a runtime fetch), which log stream holds its fingerprint line, how many tasks
 * do not read the secret, and what becomes of a task whose task definition cannot be read.
 */
const secret = { arn: secretArn, name: "prod/orders/jwt-signing-key", currentVersionId: currentVersion };
const otherSecret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/session-Qw3Rt7";
const taskArn = (id: string) => `arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/${id.padStart(32, "0")}`;
const tasks = [aTask({ taskArn: taskArn("api1") }), aTask({ taskArn: taskArn("api2") })];

function inspectContext(definition: TaskDefinitionSnapshot, withGaps = true): InspectContext {
  const ecs = createFakeEcs({ clusters: {}, taskDefinitions: [definition] });
  const taskDefinitions = createTaskDefinitionCache(ecs);
  return {
    ecs,
    taskDefinitions,
    usageOf: async (arn) => findSecretUsage(await taskDefinitions.get(arn), secret, currentVersion),
    defaults: { timeoutMs: 2000, concurrency: 4, securityProbes: true },
    bridgeAddresses: false,
    secret,
    ...(withGaps ? { gaps: createGapLog() } : {}),
  };
}

function serviceGroup(tags: Record<string, string> = {}, groupTasks = tasks.slice(0, 1)): ConsumerGroup {
  return { kind: "service", cluster: clusterArn, service: aService({ tags }), tasks: groupTasks };
}

describe("inspectGroups: tasks that do not read the secret", () => {
  it("counts every one of them", async () => {
    const definition = aTaskDefinition({
      secretReferences: [
        { container: "orders-api", source: "secrets", name: "SESSION", valueFrom: otherSecret },
      ],
    });
    const [inspected] = await inspectGroups(inspectContext(definition), [serviceGroup({}, tasks)]);
    expect(inspected).toMatchObject({ tasks: [], tasksNotReading: 2, unjudged: [] });
  });
});

describe("inspectGroups: the probe key", () => {
  it("signs with the variable the probe-secret tag names when the container reads two key-like secrets", async () => {
    const definition = aTaskDefinition({
      secretReferences: [
        { container: "orders-api", source: "secrets", name: "SESSION_SECRET", valueFrom: otherSecret },
        {
          container: "orders-api",
          source: "secrets",
          name: "JWT_SIGNING_KEY",
          valueFrom: `${secretArn}:signingKey::`,
        },
      ],
    });
    const [inspected] = await inspectGroups(inspectContext(definition), [
      serviceGroup({ "rollout-verifier:probe-secret": "JWT_SIGNING_KEY" }),
    ]);
    expect(inspected?.tasks.map((task) => task.probeKey)).toEqual([
      {
        kind: "applies",
        secret: {
          variable: "JWT_SIGNING_KEY",
          container: "orders-api",
          jsonKey: "signingKey",
          chosenBy: "tag",
        },
      },
    ]);
  });

  it("names the runtime-fetch tag and the container owning the probe port, not the first container", async () => {
    const definition = aTaskDefinition({
      containers: [
        { name: "log-router", portMappings: [] },
        { name: "orders-api", portMappings: [{ containerPort: 8080, hostPort: 8080 }] },
      ],
      secretReferences: [],
    });
    const [inspected] = await inspectGroups(inspectContext(definition), [
      serviceGroup({
        "rollout-verifier:secret": "prod/orders/jwt-signing-key",
        "rollout-verifier:cache-ttl": "60",
      }),
    ]);
    expect(inspected?.tasks.map((task) => [task.usage.runtimeFetch, task.probeKey])).toEqual([
      [
        true,
        {
          kind: "applies",
          secret: { variable: "rollout-verifier:secret", container: "orders-api", chosenBy: "runtime-fetch" },
        },
      ],
    ]);
  });
});

describe("inspectGroups: the fingerprint log stream", () => {
  const definition = aTaskDefinition({
    containers: [
      { name: "log-router", portMappings: [], awsLogs: { group: "/ecs/log-router", streamPrefix: "router" } },
      {
        name: "orders-api",
        portMappings: [{ containerPort: 8080, hostPort: 8080 }],
        awsLogs: { group: "/ecs/orders-api", streamPrefix: "ecs" },
      },
    ],
  });
  const stream = {
    kind: "stream",
    logGroupName: "/ecs/orders-api",
    logStreamName: `ecs/orders-api/${"api1".padStart(32, "0")}`,
    jsonKey: "signingKey",
  };

  it("is the stream of the container that reads the secret, with the json-key it reads, and reaches the probe target", async () => {
    const inspected = await inspectGroups(inspectContext(definition), [
      serviceGroup({ "rollout-verifier:fingerprint-log": "jwt-key-fingerprint=" }),
    ]);
    expect(inspected[0]?.tasks.map((task) => task.logStream)).toEqual([stream]);
    expect(toProbeTargets(inspected).map((target) => target.logStream)).toEqual([stream]);
  });
});

describe("inspectGroups: a task definition that cannot be read", () => {
  const refused = new AwsCallError(
    "DescribeTaskDefinition",
    "orders-api:42",
    Object.assign(new Error("busy"), { name: "ServerException" }),
  );

  function failingContext(withGaps: boolean): InspectContext {
    return {
      ...inspectContext(aTaskDefinition(), withGaps),
      usageOf: async () => {
        throw refused;
      },
    };
  }

  it("leaves the task unjudged, saying why, when the run records gaps", async () => {
    const [inspected] = await inspectGroups(failingContext(true), [serviceGroup()]);
    expect(inspected).toMatchObject({
      tasks: [],
      unjudged: [
        {
          taskArn: tasks[0]?.taskArn,
          reason:
            "Its task definition could not be read (DescribeTaskDefinition: ServerException): not judged in this run.",
        },
      ],
    });
  });

  it("fails the whole inspection when the caller records no gaps (the deployment gate fails closed)", async () => {
    await expect(inspectGroups(failingContext(false), [serviceGroup()])).rejects.toBe(refused);
  });
});
