import type { VerificationRequest } from "../intake/verification-request.js";
import { mapConcurrent } from "../map-concurrent.js";
import type { EcsPort } from "../ports.js";
import { RuntimeFetchTag } from "../probes/issuer/issuer-settings.js";
import { clusterName } from "../report/build-report.js";
import type { GapLog } from "../report/gap-log.js";
import { GapScope } from "../report/report.js";
import type { ResolvedSecret } from "../secret/resolve-secret.js";
import { collectConsumerTasks } from "./collect-consumer-tasks.js";
import { discoverConsumers } from "./discover-consumers.js";
import { type InspectedGroup, inspectGroups } from "./inspect-groups.js";
import { findSecretUsage, type SecretUsage, tagNamesSecret } from "./secret-usage.js";
import { createTaskDefinitionCache } from "./task-definition-cache.js";

/**
 * Everything ECS says about the secret's consumers: the clusters searched, their consumer services
 * and standalone families, each running task with how it reads the secret and where to probe it.
 * Task definitions are described once per run and judged once per ARN. What failed calls hide is
 * recorded in `gaps`, never thrown.
 */
export async function gatherConsumers(
  ecs: EcsPort,
  request: VerificationRequest,
  secret: ResolvedSecret,
  gaps: GapLog,
): Promise<InspectedGroup[]> {
  const taskDefinitions = createTaskDefinitionCache(ecs);
  const usages = new Map<string, Promise<SecretUsage | null>>();
  const usageOf = (arn: string): Promise<SecretUsage | null> => {
    const known =
      usages.get(arn) ??
      taskDefinitions
        .get(arn)
        .then((definition) => findSecretUsage(definition, secret, secret.currentVersionId));
    usages.set(arn, known);
    return known;
  };
  const consumes = async (arn: string) => (await usageOf(arn)) !== null;
  const scan = {
    ecs,
    awsConcurrency: request.awsConcurrency,
    consumes,
    fetchesAtRunTime: (service: { readonly tags: Readonly<Record<string, string>> }) =>
      tagNamesSecret(service.tags[RuntimeFetchTag.secret], secret),
    gaps,
    requested: request.trigger.kind === "direct",
  };
  const consumers = await discoverConsumers(
    scan,
    await clustersToSearch(ecs, request, gaps),
    request.serviceFilter,
  );
  const groups = await mapConcurrent(consumers, 1, (found) =>
    collectConsumerTasks(scan, found, request.serviceFilter?.serviceName),
  );
  const context = {
    ecs,
    taskDefinitions,
    usageOf,
    defaults: request.probe,
    bridgeAddresses: request.bridgeAddresses,
    secret,
    gaps,
  };
  return inspectGroups(context, groups.flat());
}

/**
 * The filtered service's cluster, else the configured clusters, else every cluster (ListClusters).
 * One cluster named twice (by name and by ARN) is searched once: otherwise its tasks would be
 * reported twice and its services forced twice.
 */
async function clustersToSearch(
  ecs: EcsPort,
  request: VerificationRequest,
  gaps: GapLog,
): Promise<readonly string[]> {
  const filtered = request.serviceFilter?.cluster;
  if (filtered) return [filtered];
  const clusters = request.clusters ?? (await listClusters(ecs, gaps));
  const byName = new Map<string, string>();
  for (const cluster of clusters)
    if (!byName.has(clusterName(cluster))) byName.set(clusterName(cluster), cluster);
  return [...byName.values()];
}

/** Without a cluster list nothing can be searched: the report says so instead of failing. */
async function listClusters(ecs: EcsPort, gaps: GapLog): Promise<readonly string[]> {
  try {
    return await ecs.listClusters();
  } catch (error) {
    gaps.recordFailure({
      scope: GapScope.Account,
      cluster: null,
      resource: "clusters",
      error,
      consequence:
        "no cluster could be searched, so every consumer service and task of the account is unverified in this run and none is force-deployed; the next run or sweep tries again (listing the clusters in VERIFIER_CLUSTERS avoids this call).",
    });
    return [];
  }
}
