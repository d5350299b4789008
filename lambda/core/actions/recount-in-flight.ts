import { discoverConsumers } from "../consumers/discover-consumers.js";
import { findSecretUsage } from "../consumers/secret-usage.js";
import { createTaskDefinitionCache } from "../consumers/task-definition-cache.js";
import type { VerificationRequest } from "../intake/verification-request.js";
import { chunk, mapConcurrent } from "../map-concurrent.js";
import type { EcsPort } from "../ports.js";
import { clusterName } from "../report/build-report.js";
import type { GapLog } from "../report/gap-log.js";
import { GapScope } from "../report/report.js";
import type { ResolvedSecret } from "../secret/resolve-secret.js";
import type { ServiceSnapshot } from "../snapshots.js";
import { countInFlight } from "./redeploy-slots.js";

/** What a recount reads: ECS now, the invocation's shared read for discovery, and the run's scope. */
export interface RecountContext {
  /** ECS as it is now: the deployments counted are read fresh, just before acting. */
  readonly ecs: EcsPort;
  /** Where consumer services are discovered when the run covered only one service. */
  readonly estate: EcsPort;
  readonly request: VerificationRequest;
  readonly secret: ResolvedSecret;
  readonly cutover: Date;
  readonly gaps: GapLog;
}

/** DescribeServices takes at most 10 services per call. */
const DESCRIBE_BATCH = 10;

/**
 * The secret's consumer services rolling a deployment created after the cut-over, read from ECS
 * immediately before a run forces anything, so the cap bounds what is in flight across the whole
 * secret whatever the run's scope: a service-only run (a late deployment event) discovers every
 * consumer first, and a run that overlaps another (a direct invocation, the CLI) sees what the
 * other forced since this run's first read. `known` are the consumers the run already found (all of
 * them when it covered the whole secret). Returns null when the count cannot be trusted (a read
 * failed): the caller then forces nothing, and the gap says why.
 */
export async function recountInFlight(
  context: RecountContext,
  known: readonly ServiceSnapshot[],
): Promise<number | null> {
  try {
    const consumers = context.request.serviceFilter ? await discoverAllConsumers(context) : known;
    const fresh = await describeAgain(context, consumers);
    return countInFlight(fresh, context.cutover);
  } catch (error) {
    context.gaps.recordFailure({
      scope: GapScope.Deployment,
      cluster: null,
      resource: "forced deployments in flight",
      error,
      consequence:
        "the secret's deployments in flight could not be counted just before acting, so nothing was forced (the cap could not be kept); the next run decides.",
    });
    return null;
  }
}

async function discoverAllConsumers(context: RecountContext): Promise<ServiceSnapshot[]> {
  const { estate, request, secret } = context;
  const definitions = createTaskDefinitionCache(estate);
  const consumes = async (arn: string) =>
    findSecretUsage(await definitions.get(arn), secret, secret.currentVersionId) !== null;
  // Any read that fails hides consumers that may be rolling: the count must not go on without them.
  const failures: unknown[] = [];
  const strict: GapLog = {
    record: (gap) => failures.push(new Error(gap.detail)),
    recordFailure: (failure) => {
      if (!isMissingCluster(failure.error)) failures.push(failure.error);
    },
    gaps: [],
  };
  const clusters = request.clusters ?? (await estate.listClusters());
  const found = await discoverConsumers(
    { ecs: estate, awsConcurrency: request.awsConcurrency, consumes, gaps: strict },
    uniqueByName(clusters),
  );
  for (const cluster of found) failures.push(...cluster.undecided.values());
  if (failures.length > 0) throw failures[0];
  return found.flatMap((cluster) => [...cluster.services]);
}

async function describeAgain(
  context: RecountContext,
  services: readonly ServiceSnapshot[],
): Promise<ServiceSnapshot[]> {
  const byCluster = new Map<string, string[]>();
  for (const service of services) {
    const names = byCluster.get(service.clusterArn) ?? [];
    names.push(service.serviceName);
    byCluster.set(service.clusterArn, names);
  }
  const batches = [...byCluster].flatMap(([cluster, names]) =>
    chunk(names, DESCRIBE_BATCH).map((batch) => ({ cluster, batch })),
  );
  const described = await mapConcurrent(batches, context.request.awsConcurrency, ({ cluster, batch }) =>
    context.ecs.describeServices(cluster, batch),
  );
  return described.flat();
}

/** A watched cluster that no longer exists has nothing in flight: it does not stop the count. */
function isMissingCluster(error: unknown): boolean {
  return (error as { awsErrorName?: unknown } | null)?.awsErrorName === "ClusterNotFoundException";
}

function uniqueByName(clusters: readonly string[]): string[] {
  const byName = new Map<string, string>();
  for (const cluster of clusters)
    if (!byName.has(clusterName(cluster))) byName.set(clusterName(cluster), cluster);
  return [...byName.values()];
}
