import type { OperationHandler } from "../contracts.js";
import { compact } from "./compact.js";
import { clusterArn } from "./ecs-arns.js";
import type { EcsContext } from "./ecs-context.js";
import { invalidParameter } from "./ecs-errors.js";
import {
  includesTags,
  optionalInteger,
  optionalString,
  optionalStringList,
  optionalTags,
} from "./ecs-input.js";
import type { ClusterRecord } from "./ecs-state.js";
import { findCluster } from "./find-resources.js";
import { paginate } from "./paginate.js";

/** CreateCluster, DescribeClusters, ListClusters and the (always empty) container instance calls: awsvpc only. */
export function clusterOperations(ctx: EcsContext): Record<string, OperationHandler> {
  const { state } = ctx;
  return {
    CreateCluster(input) {
      const name = optionalString(input, "clusterName") ?? "default";
      if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) throw invalidParameter("Invalid cluster name.");
      let cluster = state.clusters.get(name);
      if (!cluster) {
        cluster = { arn: clusterArn(state.identity, name), name, createdAt: ctx.now() };
        state.clusters.set(name, cluster);
      }
      const tags = optionalTags(input);
      if (tags) state.tags.set(cluster.arn, tags);
      return { cluster: renderCluster(ctx, cluster, true) };
    },
    DescribeClusters(input) {
      const refs = optionalStringList(input, "clusters") ?? ["default"];
      if (refs.length > 100) throw invalidParameter("clusters can have at most 100 items.");
      const withTags = includesTags(input);
      const clusters: unknown[] = [];
      const failures: unknown[] = [];
      for (const ref of refs) {
        const found = tryFindCluster(ctx, ref);
        if (found) clusters.push(renderCluster(ctx, found, withTags));
        else
          failures.push({
            arn: ref.startsWith("arn:") ? ref : clusterArn(state.identity, ref),
            reason: "MISSING",
          });
      }
      return { clusters, failures };
    },
    ListClusters(input) {
      const arns = [...state.clusters.values()].map((cluster) => cluster.arn);
      const page = paginate(arns, readPaging(input), { defaultMax: 100, max: 100 });
      return compact({ clusterArns: page.items, nextToken: page.nextToken });
    },
    DescribeContainerInstances(input) {
      findCluster(state, optionalString(input, "cluster"));
      const refs = optionalStringList(input, "containerInstances") ?? [];
      if (refs.length > 100) throw invalidParameter("containerInstances can have at most 100 items.");
      return { containerInstances: [], failures: refs.map((arn) => ({ arn, reason: "MISSING" })) };
    },
    ListContainerInstances(input) {
      findCluster(state, optionalString(input, "cluster"));
      return { containerInstanceArns: [] };
    },
  };
}

/** `nextToken` and `maxResults` of a List call. */
export function readPaging(input: Record<string, unknown>) {
  return { nextToken: optionalString(input, "nextToken"), maxResults: optionalInteger(input, "maxResults") };
}

function tryFindCluster(ctx: EcsContext, ref: string): ClusterRecord | undefined {
  try {
    return findCluster(ctx.state, ref);
  } catch {
    return undefined;
  }
}

function renderCluster(ctx: EcsContext, cluster: ClusterRecord, withTags: boolean): Record<string, unknown> {
  const tasks = [...ctx.state.tasks.values()].filter((task) => task.cluster === cluster);
  const services = [...ctx.state.services.values()].filter(
    (s) => s.cluster === cluster && s.status === "ACTIVE",
  );
  return compact({
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: "ACTIVE",
    registeredContainerInstancesCount: 0,
    runningTasksCount: tasks.filter((task) => task.lastStatus === "RUNNING").length,
    pendingTasksCount: tasks.filter((task) => ["PROVISIONING", "PENDING"].includes(task.lastStatus)).length,
    activeServicesCount: services.length,
    statistics: [],
    tags: withTags ? (ctx.state.tags.get(cluster.arn) ?? []) : undefined,
    settings: [{ name: "containerInsights", value: "disabled" }],
    capacityProviders: [],
    defaultCapacityProviderStrategy: [],
  });
}
