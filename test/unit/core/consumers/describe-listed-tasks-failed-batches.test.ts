import { describe, expect, it } from "vitest";
import { describeListedTasks } from "../../../../lambda/core/consumers/describe-listed-tasks.js";
import type { ClusterConsumers } from "../../../../lambda/core/consumers/discover-consumers.js";
import type { EcsPort } from "../../../../lambda/core/ports.js";
import { createGapLog } from "../../../../lambda/core/report/gap-log.js";
import type { TaskSnapshot } from "../../../../lambda/core/snapshots.js";
import { AwsCallError } from "../../../../lambda/errors.js";
import { aService, aTask, clusterArn, taskDefinitionArn } from "../builders.js";
import { createFakeEcs } from "../fake-ports.js";

/**
 * What describeListedTasks makes of DescribeTasks batches that fail: which service each hidden task
 * is listed under, which tasks the gap itself names, and which services lost nothing.
 */
const refused = () =>
  new AwsCallError(
    "DescribeTasks",
    "orders-prod",
    Object.assign(new Error("busy"), { name: "ServerException" }),
  );

const taskArn = (id: string) => `arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/${id.padStart(32, "0")}`;

const billing = aService({
  serviceName: "billing",
  serviceArn: "arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/billing",
  taskDefinitionArn: taskDefinitionArn("billing:7"),
});

const found: ClusterConsumers = {
  cluster: clusterArn,
  services: [aService(), billing],
  knownServices: new Set(["orders-api", "billing"]),
  undecided: new Map(),
};

function ecsWith(tasks: TaskSnapshot[], describeTasks: EcsPort["describeTasks"]): EcsPort {
  const ecs = createFakeEcs({
    clusters: { [clusterArn]: { services: found.services.slice(), tasks } },
    taskDefinitions: [],
  });
  return { ...ecs, describeTasks };
}

describe("describeListedTasks: a batch that fails among batches that answer", () => {
  // 101 tasks of orders-api: the first batch of 100 is described, the second (1 task) fails.
  const apiTasks = Array.from({ length: 101 }, (_, index) => aTask({ taskArn: taskArn(`api${index}`) }));
  const last = apiTasks[100] as TaskSnapshot;

  it("lists only the task of the failed batch as unjudged, not the service's described tasks", async () => {
    const gaps = createGapLog();
    const ecs = createFakeEcs({
      clusters: { [clusterArn]: { services: found.services.slice(), tasks: apiTasks } },
      taskDefinitions: [],
    });
    const describeTasks: EcsPort["describeTasks"] = async (cluster, arns) => {
      if (arns.includes(last.taskArn)) throw refused();
      return ecs.describeTasks(cluster, arns);
    };
    const listed = await describeListedTasks(
      { ecs: { ...ecs, describeTasks }, awsConcurrency: 2, gaps },
      found,
      apiTasks.map((task) => task.taskArn),
    );
    expect(listed.tasks).toHaveLength(100);
    expect(listed.byService.get("orders-api")?.unjudged.map((task) => task.taskArn)).toEqual([last.taskArn]);
    expect(gaps.gaps).toMatchObject([{ resource: "1 running task(s)", taskArns: [] }]);
  });
});

describe("describeListedTasks: which tasks and services a failed batch is reported under", () => {
  const apiTask = aTask({ taskArn: taskArn("api1") });
  const batchTask = aTask({
    taskArn: taskArn("batch1"),
    taskDefinitionArn: taskDefinitionArn("orders-batch:3"),
    group: "family:orders-batch",
    startedBy: "operator",
  });

  it("names in the gap the tasks no consumer service claims, and only those", async () => {
    const gaps = createGapLog();
    const ecs = ecsWith([apiTask, batchTask], async () => {
      throw refused();
    });
    const listed = await describeListedTasks({ ecs, awsConcurrency: 2, gaps }, found, [
      apiTask.taskArn,
      batchTask.taskArn,
    ]);
    expect(listed.byService.get("orders-api")?.unjudged.map((task) => task.taskArn)).toEqual([
      apiTask.taskArn,
    ]);
    expect(gaps.gaps).toMatchObject([
      { operation: "DescribeTasks", resource: "2 running task(s)", taskArns: [batchTask.taskArn] },
    ]);
  });

  it("records no shortfall for a consumer service that lost no task and whose tasks were listed", async () => {
    const gaps = createGapLog();
    const ecs = ecsWith([apiTask, batchTask], async () => {
      throw refused();
    });
    const listed = await describeListedTasks({ ecs, awsConcurrency: 2, gaps }, found, [
      apiTask.taskArn,
      batchTask.taskArn,
    ]);
    expect([...listed.byService.keys()]).toEqual(["orders-api"]);
  });
});
