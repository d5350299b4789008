import { describe, expect, it, vi } from "vitest";
import { gatherConsumers } from "../../../../lambda/core/consumers/gather-consumers.js";
import { findSecretUsage } from "../../../../lambda/core/consumers/secret-usage.js";
import { createGapLog } from "../../../../lambda/core/report/gap-log.js";
import type { ResolvedSecret } from "../../../../lambda/core/secret/resolve-secret.js";
import { AwsCallError } from "../../../../lambda/errors.js";
import { aService, aTask, aTaskDefinition, clusterArn, currentVersion, secretArn } from "../builders.js";
import { aRequest } from "../engine-harness.js";
import { createFakeEcs } from "../fake-ports.js";

vi.mock("../../../../lambda/core/consumers/secret-usage.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../../../lambda/core/consumers/secret-usage.js")>();
  return { ...actual, findSecretUsage: vi.fn(actual.findSecretUsage) };
});

/**
 * What gatherConsumers searches (the clusters of the request, each once, in the form first named;
 * none when they cannot be listed), how it words a missing cluster an operator named, and that each
 * task definition is judged once however many services and tasks share it.
 */
const secret: ResolvedSecret = {
  arn: secretArn,
  name: "prod/orders/jwt-signing-key",
  currentVersionId: currentVersion,
  previousVersionId: null,
  secretString: "not-a-real-key",
  previousSecretString: null,
};

const taskArn = (id: string) => `arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/${id.padStart(32, "0")}`;

function fakeEcs() {
  return createFakeEcs({
    clusters: {
      [clusterArn]: {
        services: [aService()],
        tasks: [aTask({ taskArn: taskArn("api1") }), aTask({ taskArn: taskArn("api2") })],
      },
    },
    taskDefinitions: [aTaskDefinition()],
  });
}

const notFound = () =>
  new AwsCallError(
    "ListServices",
    "gone",
    Object.assign(new Error("Cluster not found."), { name: "ClusterNotFoundException" }),
  );

describe("gatherConsumers: a cluster that does not exist", () => {
  function withMissingCluster() {
    const ecs = fakeEcs();
    const listServices = ecs.listServices.bind(ecs);
    ecs.listServices = async (cluster) => {
      if (cluster === "gone") throw notFound();
      return listServices(cluster);
    };
    return ecs;
  }

  it("is reported as not found, with a hint at a typo, when an operator named it", async () => {
    const gaps = createGapLog();
    const request = aRequest({
      trigger: { kind: "direct", eventId: "direct-1", eventTime: "2025-06-01T03:15:00Z" },
      clusters: ["orders-prod", "gone"],
    });
    const groups = await gatherConsumers(withMissingCluster(), request, secret, gaps);
    expect(groups.map((group) => group.name)).toEqual(["orders-api"]);
    expect(gaps.gaps).toHaveLength(1);
    expect(gaps.gaps[0]?.detail).toContain(
      "cluster gone was not found in this account and region: nothing there was verified (check the name; a typo looks like this)",
    );
  });

  it("is reported as a configured cluster to remove when an event started the run", async () => {
    const gaps = createGapLog();
    const request = aRequest({ clusters: ["orders-prod", "gone"] });
    await gatherConsumers(withMissingCluster(), request, secret, gaps);
    expect(gaps.gaps).toHaveLength(1);
    expect(gaps.gaps[0]?.detail).toContain(
      "the cluster does not exist (deleted?): it was skipped and the other clusters verified; remove it from the verifier's clusters.",
    );
  });
});

describe("gatherConsumers: which clusters are searched", () => {
  it("searches a cluster named twice once, in the form named first", async () => {
    const ecs = fakeEcs();
    const groups = await gatherConsumers(
      ecs,
      aRequest({ clusters: ["orders-prod", clusterArn] }),
      secret,
      createGapLog(),
    );
    expect(ecs.calls.filter((call) => call.startsWith("ListServices"))).toEqual(["ListServices orders-prod"]);
    expect(groups.map((group) => [group.group.cluster, group.name])).toEqual([["orders-prod", "orders-api"]]);
  });

  it("searches nothing, and says why once, when the clusters cannot be listed", async () => {
    const ecs = fakeEcs();
    ecs.listClusters = async () => {
      throw new AwsCallError(
        "ListClusters",
        "clusters",
        Object.assign(new Error("no"), { name: "AccessDeniedException" }),
      );
    };
    const gaps = createGapLog();
    const groups = await gatherConsumers(ecs, aRequest(), secret, gaps);
    expect(groups).toEqual([]);
    expect(ecs.calls).toEqual([]);
    expect(gaps.gaps).toMatchObject([{ scope: "account", operation: "ListClusters", resource: "clusters" }]);
  });
});

describe("gatherConsumers: task definitions", () => {
  it("judges a task definition once, though discovery and each of its two tasks ask about it", async () => {
    vi.mocked(findSecretUsage).mockClear();
    const ecs = fakeEcs();
    const groups = await gatherConsumers(ecs, aRequest({ clusters: [clusterArn] }), secret, createGapLog());
    expect(groups.map((group) => group.tasks.length)).toEqual([2]);
    expect(vi.mocked(findSecretUsage)).toHaveBeenCalledTimes(1);
    expect(ecs.calls.filter((call) => call.startsWith("DescribeTaskDefinition"))).toHaveLength(1);
  });
});
