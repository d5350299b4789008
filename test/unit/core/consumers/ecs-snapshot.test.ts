import { describe, expect, it } from "vitest";
import { createEcsSnapshot } from "../../../../lambda/core/consumers/ecs-snapshot.js";
import type { EcsPort } from "../../../../lambda/core/ports.js";
import { clusterArn } from "../builders.js";
import { createFakeEcs } from "../fake-ports.js";
import { loadFixtureScenario } from "../fixture-scenario.js";

function fakeEcs() {
  const scenario = loadFixtureScenario();
  return createFakeEcs({
    clusters: { [clusterArn]: { services: scenario.services, tasks: scenario.tasks } },
    taskDefinitions: scenario.taskDefinitions,
    hosts: {},
  });
}

describe("createEcsSnapshot", () => {
  it("sends each distinct read once, and concurrent callers share the call in flight", async () => {
    const ecs = fakeEcs();
    const snapshot = createEcsSnapshot(ecs);
    const [first, second] = await Promise.all([snapshot.listClusters(), snapshot.listClusters()]);
    await snapshot.listServices(clusterArn);
    await snapshot.listServices(clusterArn);
    await snapshot.listTasks(clusterArn, { serviceName: "orders-api" });
    await snapshot.listTasks(clusterArn, {});
    expect(first).toBe(second);
    expect(ecs.calls).toEqual([
      "ListClusters",
      `ListServices ${clusterArn}`,
      `ListTasks ${clusterArn} {"serviceName":"orders-api"}`,
      `ListTasks ${clusterArn} {}`,
    ]);
  });

  it("always sends UpdateService, and reads a forced service again, by name or by ARN", async () => {
    const ecs = fakeEcs();
    const snapshot = createEcsSnapshot(ecs);
    const arns = await snapshot.listServices(clusterArn);
    await snapshot.describeServices(clusterArn, arns);
    await snapshot.describeServices(clusterArn, ["orders-api"]);
    await snapshot.forceNewDeployment(clusterArn, "orders-api");
    await snapshot.forceNewDeployment(clusterArn, "orders-api");
    snapshot.forgetService("orders-prod", "orders-api");
    await snapshot.describeServices(clusterArn, arns);
    await snapshot.describeServices(clusterArn, ["orders-api"]);
    expect(ecs.calls.filter((call) => /^(DescribeServices|UpdateService)/.test(call))).toEqual([
      `DescribeServices ${clusterArn} ${arns.length}`,
      `DescribeServices ${clusterArn} 1`,
      `UpdateService ${clusterArn} orders-api`,
      `UpdateService ${clusterArn} orders-api`,
      `DescribeServices ${clusterArn} ${arns.length}`,
      `DescribeServices ${clusterArn} 1`,
    ]);
  });

  it("keeps no failed read: the next caller sends it again", async () => {
    let attempts = 0;
    const failingOnce = {
      ...fakeEcs(),
      async listClusters() {
        attempts += 1;
        if (attempts === 1) throw new Error("ThrottlingException");
        return [clusterArn];
      },
    } satisfies EcsPort;
    const snapshot = createEcsSnapshot(failingOnce);
    await expect(snapshot.listClusters()).rejects.toThrow("ThrottlingException");
    await expect(snapshot.listClusters()).resolves.toEqual([clusterArn]);
    expect(attempts).toBe(2);
  });
});
