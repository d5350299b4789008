import { createHash } from "node:crypto";
import { compact } from "./compact.js";
import type { ServiceRevisionRecord } from "./deployment-state.js";
import { serviceRevisionArn } from "./ecs-arns.js";
import type { EcsContext } from "./ecs-context.js";
import { newServiceRevisionId } from "./ecs-ids.js";
import type { ServiceRecord } from "./ecs-state.js";
import { toEpochSeconds } from "./epoch-seconds.js";
import { findTaskDefinition } from "./find-resources.js";
import { containerDefinitions } from "./task-definition-body.js";

/**
 * Records the service revision a new deployment runs: the task definition and the service's
 * environment (network, load balancers, registries) as they are now. Revisions never change.
 */
export function createServiceRevision(
  ctx: EcsContext,
  service: ServiceRecord,
  taskDefinitionArn: string,
): ServiceRevisionRecord {
  const definition = findTaskDefinition(ctx.state, taskDefinitionArn);
  const revision: ServiceRevisionRecord = {
    arn: serviceRevisionArn(ctx.state.identity, service.cluster.name, service.name, newServiceRevisionId()),
    serviceArn: service.arn,
    clusterArn: service.cluster.arn,
    taskDefinitionArn,
    launchType: typeof service.extras.launchType === "string" ? service.extras.launchType : "FARGATE",
    networkConfiguration: service.extras.networkConfiguration,
    loadBalancers: service.extras.loadBalancers ?? [],
    serviceRegistries: service.extras.serviceRegistries ?? [],
    containerImages: containerDefinitions(definition).map((container) => ({
      containerName: container.name ?? "app",
      image: container.image ?? "",
      imageDigest: `sha256:${createHash("sha256")
        .update(container.image ?? "")
        .digest("hex")}`,
    })),
    createdAt: ctx.now(),
  };
  ctx.state.serviceRevisions.set(revision.arn, revision);
  return revision;
}

/** A revision as DescribeServiceRevisions returns it. */
export function renderServiceRevision(revision: ServiceRevisionRecord): Record<string, unknown> {
  return compact({
    serviceRevisionArn: revision.arn,
    serviceArn: revision.serviceArn,
    clusterArn: revision.clusterArn,
    taskDefinition: revision.taskDefinitionArn,
    launchType: revision.launchType,
    platformVersion: "1.4.0",
    platformFamily: "Linux",
    loadBalancers: revision.loadBalancers,
    serviceRegistries: revision.serviceRegistries,
    networkConfiguration: revision.networkConfiguration,
    containerImages: revision.containerImages.map((image) => ({ ...image })),
    guardDutyEnabled: false,
    createdAt: toEpochSeconds(revision.createdAt),
  });
}
