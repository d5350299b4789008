import type { ServiceFilter } from "../intake/verification-request.js";
import { mapConcurrent } from "../map-concurrent.js";
import type { EcsPort } from "../ports.js";
import type { ServiceSnapshot } from "../snapshots.js";

/** The services of one cluster whose PRIMARY or ACTIVE deployments consume the watched secret. */
export interface ClusterConsumers {
  readonly cluster: string;
  readonly services: readonly ServiceSnapshot[];
}

/** What discovery needs besides the ECS port. */
export interface DiscoveryContext {
  readonly ecs: EcsPort;
  readonly awsConcurrency: number;
  /** True when a task definition consumes the secret (see `findSecretUsage`). */
  readonly consumes: (taskDefinitionArn: string) => Promise<boolean>;
}

/**
 * Lists the consumer services of each cluster: ListServices (or the one filtered service),
 * DescribeServices with tags, then the task definitions of every PRIMARY and ACTIVE deployment,
 * each distinct one described once. A service consumes the secret if any of them references it,
 * so a rollout that is adding or removing the reference still counts.
 */
export async function discoverConsumers(
  context: DiscoveryContext,
  clusters: readonly string[],
  filter?: ServiceFilter,
): Promise<ClusterConsumers[]> {
  return mapConcurrent(clusters, 1, async (cluster) => {
    const names = filter ? [filter.serviceName] : await context.ecs.listServices(cluster);
    const services = names.length > 0 ? await context.ecs.describeServices(cluster, names) : [];
    const consuming = await mapConcurrent(services, context.awsConcurrency, (service) =>
      serviceConsumes(context, service),
    );
    return { cluster, services: services.filter((_, index) => consuming[index]) };
  });
}

async function serviceConsumes(context: DiscoveryContext, service: ServiceSnapshot): Promise<boolean> {
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
