import { describe, expect, it } from "vitest";
import {
  type CollectContext,
  collectConsumerTasks,
} from "../../../../lambda/core/consumers/collect-consumer-tasks.js";
import type { ClusterConsumers } from "../../../../lambda/core/consumers/discover-consumers.js";
import type { EcsPort } from "../../../../lambda/core/ports.js";
import { createGapLog, type GapLog } from "../../../../lambda/core/report/gap-log.js";
import type { ServiceSnapshot, TaskSnapshot } from "../../../../lambda/core/snapshots.js";
import { AwsCallError } from "../../../../lambda/errors.js";
import { aDeployment, aService, aTask, clusterArn, taskDefinitionArn } from "../builders.js";
import { createFakeEcs } from "../fake-ports.js";

/**
 * How collectConsumerTasks groups a cluster's tasks into services and standalone families, and what
 * its gaps say when a call fails: the counts the operator reads, the task ARNs a gap names, which
 * tasks count as standalone.
 */
function failure(operation: string, code: string): AwsCallError {
  return new AwsCallError(operation, "orders-prod", Object.assign(new Error("refused"), { name: code }));
}

const taskArn = (id: string) => `arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/${id.padStart(32, "0")}`;

function found(overrides: Partial<ClusterConsumers> = {}): ClusterConsumers {
  return {
    cluster: clusterArn,
    services: [aService()],
    knownServices: new Set(["orders-api"]),
    undecided: new Map(),
    ...overrides,
  };
}

function context(
  tasks: TaskSnapshot[],
  options: {
    ecs?: Partial<EcsPort>;
    consumes?: CollectContext["consumes"];
    services?: ServiceSnapshot[];
  } = {},
): CollectContext & { gaps: GapLog } {
  const ecs = createFakeEcs({
    clusters: { [clusterArn]: { services: options.services ?? [aService()], tasks } },
    taskDefinitions: [],
  });
  return {
    ecs: { ...ecs, ...options.ecs },
    awsConcurrency: 2,
    consumes: options.consumes ?? (async () => true),
    gaps: createGapLog(),
  };
}

const apiTask = aTask({ taskArn: taskArn("api1") });
const billing = aService({
  serviceName: "billing",
  serviceArn: "arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/billing",
  taskDefinitionArn: taskDefinitionArn("billing:7"),
  deployments: [
    aDeployment({ id: "ecs-svc/2", status: "PRIMARY", runningCount: 3 }),
    aDeployment({ id: "ecs-svc/1", status: "ACTIVE", runningCount: 1 }),
  ],
});

describe("collectConsumerTasks: a ListTasks that fails", () => {
  it("says how many running tasks of how many consumer services it hides, per service", async () => {
    const ctx = context([], {
      ecs: {
        listTasks: async () => {
          throw failure("ListTasks", "ThrottlingException");
        },
      },
    });
    const groups = await collectConsumerTasks(ctx, found({ services: [aService(), billing] }));
    expect(groups.map((group) => group.kind === "service" && group.incomplete)).toEqual([
      "its running tasks could not be listed",
      "its running tasks could not be listed",
    ]);
    expect(ctx.gaps.gaps).toHaveLength(1);
    expect(ctx.gaps.gaps[0]?.detail).toContain(
      "its running tasks could not be listed: 6 running task(s) of 2 consumer service(s) are hidden: orders-api (2), billing (4), and any standalone task reading the secret;",
    );
  });

  it("says no consumer service was found rather than counting zero services", async () => {
    const ctx = context([], {
      ecs: {
        listTasks: async () => {
          throw failure("ListTasks", "ThrottlingException");
        },
      },
    });
    const groups = await collectConsumerTasks(ctx, found({ services: [] }));
    expect(groups).toEqual([]);
    expect(ctx.gaps.gaps[0]?.detail).toContain(
      "its running tasks could not be listed: no consumer service was found, and any standalone task reading the secret;",
    );
  });
});

describe("collectConsumerTasks: standalone tasks", () => {
  const nightly = aTask({
    taskArn: taskArn("night1"),
    taskDefinitionArn: taskDefinitionArn("report-job:3"),
    group: "family:nightly",
    startedBy: "operator",
  });

  it("names a standalone family from its family: group, not from its task definition", async () => {
    const groups = await collectConsumerTasks(context([apiTask, nightly]), found());
    expect(
      groups.map((group) => (group.kind === "standalone" ? group.family : group.service.serviceName)),
    ).toEqual(["orders-api", "nightly"]);
  });

  it("keeps a task with a group of its own standalone even when the text after 8 characters names a known service", async () => {
    // "nightly-batch".slice("service:".length) is "batch": only a `service:` group belongs to a service.
    const custom = aTask({
      taskArn: taskArn("batch1"),
      taskDefinitionArn: taskDefinitionArn("nightly-batch:5"),
      group: "nightly-batch",
      startedBy: "operator",
    });
    const groups = await collectConsumerTasks(
      context([custom]),
      found({ knownServices: new Set(["orders-api", "batch"]) }),
    );
    expect(groups.filter((group) => group.kind === "standalone")).toEqual([
      { kind: "standalone", cluster: clusterArn, family: "nightly-batch", tasks: [custom] },
    ]);
  });

  it("does not judge a standalone task whose task definition cannot be read, and names it in the gap", async () => {
    const ctx = context([apiTask, nightly], {
      consumes: async (arn) => {
        if (arn === nightly.taskDefinitionArn) throw failure("DescribeTaskDefinition", "ServerException");
        return true;
      },
    });
    const groups = await collectConsumerTasks(ctx, found());
    expect(groups.map((group) => group.kind)).toEqual(["service"]);
    expect(ctx.gaps.gaps).toMatchObject([
      {
        operation: "DescribeTaskDefinition",
        resource: nightly.taskDefinitionArn,
        taskArns: [nightly.taskArn],
      },
    ]);
  });

  it("looks at no standalone task when one service is asked for, even one whose group names that service", async () => {
    // The filtered service could not be described: its tasks are in no known service, yet only it was asked for.
    const ctx = context([apiTask]);
    const groups = await collectConsumerTasks(
      ctx,
      found({ services: [], knownServices: new Set() }),
      "orders-api",
    );
    expect(groups).toEqual([]);
  });
});

describe("collectConsumerTasks: a service whose task definition could not be read", () => {
  it("names exactly that service's tasks in its gap", async () => {
    const billingTask = aTask({
      taskArn: taskArn("bill1"),
      taskDefinitionArn: taskDefinitionArn("billing:7"),
      group: "service:billing",
    });
    const ctx = context([apiTask, billingTask]);
    await collectConsumerTasks(
      ctx,
      found({
        knownServices: new Set(["orders-api", "billing"]),
        undecided: new Map([["billing", failure("DescribeTaskDefinition", "ServerException")]]),
      }),
    );
    expect(ctx.gaps.gaps).toMatchObject([
      { scope: "service", resource: "billing", taskArns: [billingTask.taskArn] },
    ]);
  });
});

describe("collectConsumerTasks: tasks ECS could not describe", () => {
  it("marks a service incomplete when even its own task list could not be read", async () => {
    const ctx = context([apiTask], {
      ecs: {
        describeTasks: async () => {
          throw failure("DescribeTasks", "ServerException");
        },
        listTasks: async (_cluster, filter) => {
          if ("serviceName" in filter) throw failure("ListTasks", "ThrottlingException");
          return [apiTask.taskArn];
        },
      },
    });
    const [group] = await collectConsumerTasks(ctx, found());
    expect(group).toMatchObject({
      kind: "service",
      tasks: [],
      incomplete: "tasks ECS could not describe may belong to it",
    });
  });

  it("lists the undescribed tasks of the one service asked for under that service", async () => {
    const ctx = context([apiTask], {
      ecs: {
        describeTasks: async () => {
          throw failure("DescribeTasks", "ServerException");
        },
      },
    });
    const groups = await collectConsumerTasks(ctx, found(), "orders-api");
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      kind: "service",
      unjudged: [
        {
          taskArn: apiTask.taskArn,
          reason: "ECS could not describe it (DescribeTasks: ServerException): not judged in this run.",
        },
      ],
    });
    expect(groups[0]).not.toHaveProperty("incomplete");
    expect(ctx.gaps.gaps).toMatchObject([{ operation: "DescribeTasks", taskArns: [] }]);
  });
});
