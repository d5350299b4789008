import { afterEach, describe, expect, it } from "vitest";
import { createTestEcs } from "./ecs-test-runtime.js";

let current: ReturnType<typeof createTestEcs> | undefined;

afterEach(async () => {
  await current?.runtime.shutdown();
  current = undefined;
});

describe("cluster and tag operations", () => {
  it("creates clusters idempotently and reports unknown ones as MISSING failures", async () => {
    current = createTestEcs();
    const ecs = current;
    const created = await ecs.call("CreateCluster", {
      clusterName: "c1",
      tags: [{ key: "env", value: "dev" }],
    });
    await ecs.call("CreateCluster", { clusterName: "c1" });
    expect((await ecs.call("ListClusters")).clusterArns).toEqual([created.cluster.clusterArn]);
    const described = await ecs.call("DescribeClusters", { clusters: ["c1", "nope"], include: ["TAGS"] });
    expect(described.clusters[0]).toMatchObject({
      clusterName: "c1",
      status: "ACTIVE",
      tags: [{ key: "env", value: "dev" }],
    });
    expect(described.failures).toEqual([
      { arn: "arn:aws:ecs:eu-west-1:123456789012:cluster/nope", reason: "MISSING" },
    ]);
  });

  it("answers ClusterNotFoundException for calls on an unknown cluster", async () => {
    current = createTestEcs();
    await expect(current.call("ListServices", { cluster: "nope" })).rejects.toMatchObject({
      type: "ClusterNotFoundException",
      httpStatus: 400,
    });
    await expect(current.call("ListTasks")).rejects.toMatchObject({ type: "ClusterNotFoundException" });
  });

  it("has no container instances: awsvpc only", async () => {
    current = createTestEcs();
    await current.call("CreateCluster", { clusterName: "c1" });
    const described = await current.call("DescribeContainerInstances", {
      cluster: "c1",
      containerInstances: ["x"],
    });
    expect(described).toEqual({ containerInstances: [], failures: [{ arn: "x", reason: "MISSING" }] });
  });

  it("tags, untags and lists tags of a cluster; unknown ARNs are ResourceNotFoundException", async () => {
    current = createTestEcs();
    const ecs = current;
    const { cluster } = await ecs.call("CreateCluster", { clusterName: "c1" });
    await ecs.call("TagResource", {
      resourceArn: cluster.clusterArn,
      tags: [
        { key: "a", value: "1" },
        { key: "b", value: "2" },
      ],
    });
    await ecs.call("TagResource", { resourceArn: cluster.clusterArn, tags: [{ key: "a", value: "3" }] });
    await ecs.call("UntagResource", { resourceArn: cluster.clusterArn, tagKeys: ["b"] });
    expect((await ecs.call("ListTagsForResource", { resourceArn: cluster.clusterArn })).tags).toEqual([
      { key: "a", value: "3" },
    ]);
    await expect(
      ecs.call("ListTagsForResource", { resourceArn: "arn:aws:ecs:eu-west-1:123456789012:cluster/x" }),
    ).rejects.toMatchObject({ type: "ResourceNotFoundException" });
  });
});
