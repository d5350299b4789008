import { describe, expect, it } from "vitest";
import { createEcsSnapshot } from "../../../../lambda/core/consumers/ecs-snapshot.js";
import type { EcsPort } from "../../../../lambda/core/ports.js";
import type { ServiceSnapshot } from "../../../../lambda/core/snapshots.js";
import { aService } from "../builders.js";

const prod = "arn:aws:ecs:eu-west-1:123456789012:cluster/orders-prod";
const staging = "arn:aws:ecs:eu-west-1:123456789012:cluster/orders-staging";

/** An ECS whose DescribeServices answers are settled by the test, one pending call at a time. */
function controlledEcs() {
  const calls: string[] = [];
  const pending: { resolve: (services: ServiceSnapshot[]) => void; reject: (error: Error) => void }[] = [];
  const unused = () => Promise.reject(new Error("not used by this test"));
  const ecs: EcsPort = {
    listClusters: unused,
    listServices: unused,
    describeTaskDefinition: unused,
    listTasks: unused,
    describeTasks: unused,
    resolveContainerInstanceHosts: unused,
    forceNewDeployment: unused,
    describeServices(cluster, names) {
      calls.push(`DescribeServices ${cluster} ${names.join(",")}`);
      return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    },
  };
  return { ecs, calls, pending };
}

/** An ECS that answers DescribeServices at once, and logs each call. */
function answeringEcs() {
  const calls: string[] = [];
  const { ecs } = controlledEcs();
  return {
    calls,
    ecs: {
      ...ecs,
      async describeServices(cluster: string, names: readonly string[]) {
        calls.push(`DescribeServices ${cluster} ${names.join(",")}`);
        return [aService({ clusterArn: cluster })];
      },
    } satisfies EcsPort,
  };
}

describe("createEcsSnapshot: forgetService", () => {
  it("reads the forced service again only in its own cluster, not a namesake in another cluster", async () => {
    const { ecs, calls } = answeringEcs();
    const snapshot = createEcsSnapshot(ecs);
    await snapshot.describeServices(prod, ["orders-api"]);
    await snapshot.describeServices(staging, ["orders-api"]);
    snapshot.forgetService("orders-prod", "orders-api");
    await snapshot.describeServices(prod, ["orders-api"]);
    await snapshot.describeServices(staging, ["orders-api"]);
    expect(calls).toEqual([
      `DescribeServices ${prod} orders-api`,
      `DescribeServices ${staging} orders-api`,
      `DescribeServices ${prod} orders-api`,
    ]);
  });

  it("keeps the fresh read when the read it forgot fails afterwards", async () => {
    const { ecs, calls, pending } = controlledEcs();
    const snapshot = createEcsSnapshot(ecs);
    const stale = snapshot.describeServices(prod, ["orders-api"]);
    snapshot.forgetService(prod, "orders-api");
    const fresh = snapshot.describeServices(prod, ["orders-api"]);
    const [first, second] = pending;
    if (!first || !second) throw new Error(`expected two DescribeServices calls, got ${pending.length}`);
    second.resolve([aService()]);
    await fresh;
    first.reject(new Error("ThrottlingException"));
    await expect(stale).rejects.toThrow("ThrottlingException");
    await expect(snapshot.describeServices(prod, ["orders-api"])).resolves.toEqual([aService()]);
    expect(calls).toEqual([`DescribeServices ${prod} orders-api`, `DescribeServices ${prod} orders-api`]);
  });
});
