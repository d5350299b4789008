import { describe, expect, it } from "vitest";
import {
  type DiscoveryContext,
  discoverConsumers,
} from "../../../../lambda/core/consumers/discover-consumers.js";
import type { EcsPort } from "../../../../lambda/core/ports.js";
import { createGapLog, type GapLog } from "../../../../lambda/core/report/gap-log.js";
import type { ServiceSnapshot } from "../../../../lambda/core/snapshots.js";
import { AwsCallError } from "../../../../lambda/errors.js";
import { aDeployment, aService, clusterArn, taskDefinitionArn } from "../builders.js";
import { createFakeEcs } from "../fake-ports.js";

/**
 * Which services discoverConsumers counts as consumers (the task definitions of their live
 * deployments, a runtime-fetch tag, one it could not read) and what its gaps say about a missing
 * cluster or services it could not describe.
 */
function failure(operation: string, code: string): AwsCallError {
  return new AwsCallError(operation, "orders-prod", Object.assign(new Error("refused"), { name: code }));
}

const reading = taskDefinitionArn("orders-api:43");
const notReading = taskDefinitionArn("orders-api:42");

function discovery(
  services: ServiceSnapshot[],
  options: { ecs?: Partial<EcsPort>; fetchesAtRunTime?: DiscoveryContext["fetchesAtRunTime"] } = {},
): { context: DiscoveryContext & { gaps: GapLog }; asked: string[] } {
  const asked: string[] = [];
  const ecs = createFakeEcs({ clusters: { [clusterArn]: { services, tasks: [] } }, taskDefinitions: [] });
  return {
    asked,
    context: {
      ecs: { ...ecs, ...options.ecs },
      awsConcurrency: 2,
      // Like the run's task definition cache: an ARN it does not know cannot be described.
      consumes: async (arn) => {
        asked.push(arn);
        if (arn !== reading && arn !== notReading) throw failure("DescribeTaskDefinition", "ClientException");
        return arn === reading;
      },
      gaps: createGapLog(),
      ...(options.fetchesAtRunTime ? { fetchesAtRunTime: options.fetchesAtRunTime } : {}),
    },
  };
}

/** A service deployed through task sets: ECS gives it no service-level task definition. */
function taskSetService(deployments: ServiceSnapshot["deployments"]): ServiceSnapshot {
  const { taskDefinitionArn: _none, ...service } = aService({
    deploymentController: "EXTERNAL",
    deployments,
  });
  return service;
}

async function consumerNames(context: DiscoveryContext): Promise<string[]> {
  const [found] = await discoverConsumers(context, [clusterArn]);
  return found?.services.map((service) => service.serviceName) ?? [];
}

describe("discoverConsumers: which deployments' task definitions count", () => {
  it("counts a service whose PRIMARY deployment reads the secret", async () => {
    const { context } = discovery([
      taskSetService([aDeployment({ status: "PRIMARY", taskDefinitionArn: reading })]),
    ]);
    expect(await consumerNames(context)).toEqual(["orders-api"]);
  });

  it("counts a service whose ACTIVE deployment still reads the secret while the PRIMARY one does not", async () => {
    const { context } = discovery([
      taskSetService([
        aDeployment({ id: "ecs-svc/2", status: "PRIMARY", taskDefinitionArn: notReading }),
        aDeployment({ id: "ecs-svc/1", status: "ACTIVE", taskDefinitionArn: reading }),
      ]),
    ]);
    expect(await consumerNames(context)).toEqual(["orders-api"]);
  });

  it("does not count a service only an INACTIVE deployment of which read the secret, nor describe that revision", async () => {
    const { context, asked } = discovery([
      taskSetService([
        aDeployment({ id: "ecs-svc/2", status: "PRIMARY", taskDefinitionArn: notReading }),
        aDeployment({ id: "ecs-svc/1", status: "INACTIVE", taskDefinitionArn: reading }),
      ]),
    ]);
    expect(await consumerNames(context)).toEqual([]);
    expect(asked).toEqual([notReading]);
  });

  it("never asks about an empty task definition ARN for a service without its own", async () => {
    const { context, asked } = discovery([
      taskSetService([aDeployment({ status: "PRIMARY", taskDefinitionArn: notReading })]),
    ]);
    const [found] = await discoverConsumers(context, [clusterArn]);
    expect(asked).toEqual([notReading]);
    expect(found?.undecided.size).toBe(0);
    expect(context.gaps.gaps).toEqual([]);
  });

  it("counts a service whose tags say its app fetches the secret at run time, though no revision reads it", async () => {
    const { context, asked } = discovery([aService({ taskDefinitionArn: notReading })], {
      fetchesAtRunTime: (service) => service.serviceName === "orders-api",
    });
    expect(await consumerNames(context)).toEqual(["orders-api"]);
    expect(asked).toEqual([]);
  });
});

describe("discoverConsumers: a service whose task definition cannot be read", () => {
  it("is undecided, not a consumer", async () => {
    const unknown = taskDefinitionArn("orders-api:41");
    const { context } = discovery([
      aService({ taskDefinitionArn: unknown, deployments: [aDeployment({ taskDefinitionArn: unknown })] }),
    ]);
    const [found] = await discoverConsumers(context, [clusterArn]);
    expect(found?.services).toEqual([]);
    expect([...(found?.undecided.keys() ?? [])]).toEqual(["orders-api"]);
    expect([...(found?.knownServices ?? [])]).toEqual(["orders-api"]);
  });
});

describe("discoverConsumers: gaps", () => {
  it("tells a cluster that no longer exists from one whose services could not be listed", async () => {
    const missing = discovery([], {
      ecs: {
        listServices: async () => {
          throw failure("ListServices", "ClusterNotFoundException");
        },
      },
    }).context;
    const throttled = discovery([], {
      ecs: {
        listServices: async () => {
          throw failure("ListServices", "ThrottlingException");
        },
      },
    }).context;
    expect(await discoverConsumers(missing, [clusterArn])).toEqual([]);
    expect(await discoverConsumers(throttled, [clusterArn])).toEqual([]);
    expect(missing.gaps.gaps[0]?.detail).toContain("the cluster does not exist (deleted?)");
    expect(throttled.gaps.gaps[0]?.detail).toContain(
      "its services and tasks were not verified in this run; the next run or sweep tries again.",
    );
  });

  it("names the services it could not describe by their short names", async () => {
    const billing = aService({
      serviceName: "billing",
      serviceArn: "arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/billing",
    });
    const { context } = discovery([aService(), billing], {
      ecs: {
        describeServices: async () => {
          throw failure("DescribeServices", "ServerException");
        },
      },
    });
    const [found] = await discoverConsumers(context, [clusterArn]);
    expect(found?.services).toEqual([]);
    expect(context.gaps.gaps).toMatchObject([
      { scope: "service", operation: "DescribeServices", resource: "orders-api, billing" },
    ]);
  });
});
