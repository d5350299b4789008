import type { ServiceFilter } from "../intake/verification-request.js";
import { chunk, mapConcurrent } from "../map-concurrent.js";
import type { EcsPort } from "../ports.js";
import { clusterName } from "../report/build-report.js";
import type { GapLog } from "../report/gap-log.js";
import { GapScope } from "../report/report.js";
import type { ServiceSnapshot } from "../snapshots.js";

/** The services of one cluster whose PRIMARY or ACTIVE deployments consume the watched secret. */
export interface ClusterConsumers {
  readonly cluster: string;
  readonly services: readonly ServiceSnapshot[];
  /**
   * Every service ECS described in the cluster, consumer or not. A task whose group names a service
   * outside this set (RunTask with `group: "service:ghost"`, or a service that could not be
   * described) is reported as standalone rather than dropped.
   */
  readonly knownServices: ReadonlySet<string>;
  /** Services whose task definitions could not be read: whether they consume is unknown. */
  readonly undecided: ReadonlyMap<string, unknown>;
}

/** What discovery needs besides the ECS port. */
export interface DiscoveryContext {
  readonly ecs: EcsPort;
  readonly awsConcurrency: number;
  /** True when a task definition consumes the secret (see `findSecretUsage`). */
  readonly consumes: (taskDefinitionArn: string) => Promise<boolean>;
  /**
   * True when the service's tags say its app fetches the secret at run time
   * (`rollout-verifier:secret`): it consumes it whatever its task definitions read. @default never
   */
  readonly fetchesAtRunTime?: (service: ServiceSnapshot) => boolean;
  readonly gaps: GapLog;
  /**
   * True when an operator named the clusters for this run (a direct invocation): a missing one is
   * then reported as not found, not as a configured cluster to drop. @default false
   */
  readonly requested?: boolean;
}

/** DescribeServices takes 10 names: one failed batch hides those 10, not the whole cluster. */
const DESCRIBE_BATCH = 10;

/**
 * Lists the consumer services of each cluster: ListServices (or the one filtered service),
 * DescribeServices with tags, then the task definitions of every PRIMARY and ACTIVE deployment,
 * each distinct one described once. A service consumes the secret if any of them references it,
 * so a rollout that is adding or removing the reference still counts.
 * A failed call costs only what it covers, recorded as a gap: a cluster that cannot be listed (or no
 * longer exists) is skipped, a batch of services that cannot be described is left out, a service
 * whose task definition cannot be read is undecided.
 */
export async function discoverConsumers(
  context: DiscoveryContext,
  clusters: readonly string[],
  filter?: ServiceFilter,
): Promise<ClusterConsumers[]> {
  const found = await mapConcurrent(clusters, 1, (cluster) => discoverCluster(context, cluster, filter));
  return found.filter((item) => item !== null);
}

async function discoverCluster(
  context: DiscoveryContext,
  cluster: string,
  filter: ServiceFilter | undefined,
): Promise<ClusterConsumers | null> {
  const name = clusterName(cluster);
  let names: readonly string[];
  try {
    names = filter ? [filter.serviceName] : await context.ecs.listServices(cluster);
  } catch (error) {
    context.gaps.recordFailure({
      scope: GapScope.Cluster,
      cluster: name,
      resource: name,
      error,
      consequence: isMissingCluster(error)
        ? context.requested
          ? `cluster ${name} was not found in this account and region: nothing there was verified (check the name; a typo looks like this), the other clusters were.`
          : "the cluster does not exist (deleted?): it was skipped and the other clusters verified; remove it from the verifier's clusters."
        : "its services and tasks were not verified in this run; the next run or sweep tries again.",
    });
    return null;
  }
  const batches = await mapConcurrent(chunk(names, DESCRIBE_BATCH), 1, async (batch) => {
    try {
      return await context.ecs.describeServices(cluster, batch);
    } catch (error) {
      context.gaps.recordFailure({
        scope: GapScope.Service,
        cluster: name,
        resource: batch.map(shortServiceName).join(", "),
        error,
        consequence:
          "these services could not be described: their running tasks are reported as standalone and none of them is force-deployed.",
      });
      return [];
    }
  });
  const services = batches.flat();
  const undecided = new Map<string, unknown>();
  const consuming = await mapConcurrent(services, context.awsConcurrency, (service) =>
    serviceConsumes(context, service).catch((error: unknown) => {
      undecided.set(service.serviceName, error);
      return false;
    }),
  );
  return {
    cluster,
    services: services.filter((_, index) => consuming[index]),
    knownServices: new Set(services.map((service) => service.serviceName)),
    undecided,
  };
}

async function serviceConsumes(context: DiscoveryContext, service: ServiceSnapshot): Promise<boolean> {
  if (context.fetchesAtRunTime?.(service)) return true;
  const live = service.deployments
    .filter((deployment) => deployment.status === "PRIMARY" || deployment.status === "ACTIVE")
    .map((deployment) => deployment.taskDefinitionArn);
  const distinct = liveTaskDefinitions(service, live);
  for (const arn of distinct) if (await context.consumes(arn)) return true;
  return false;
}

/** The service's own task definition and those of its live deployments (or task sets), once each. */
export function liveTaskDefinitions(service: ServiceSnapshot, live: readonly string[]): string[] {
  return [...new Set([service.taskDefinitionArn ?? "", ...live])].filter((arn) => arn !== "");
}

function isMissingCluster(error: unknown): boolean {
  const code = (error as { awsErrorName?: unknown }).awsErrorName;
  return code === "ClusterNotFoundException";
}

function shortServiceName(service: string): string {
  return service.slice(service.lastIndexOf("/") + 1);
}
