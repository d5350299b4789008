import type { EcsContext } from "./ecs-context.js";
import type { DeploymentRecord, EcsTag, ServiceRecord } from "./ecs-state.js";
import { findTaskDefinition } from "./find-resources.js";
import { launchTask } from "./launch-task.js";

/** Starts one task of a deployment: group `service:<name>`, startedBy the deployment id, propagated tags. */
export function launchServiceTask(ctx: EcsContext, service: ServiceRecord, deployment: DeploymentRecord) {
  const taskDefinition = findTaskDefinition(ctx.state, deployment.taskDefinitionArn);
  return launchTask(ctx, {
    cluster: service.cluster,
    taskDefinition,
    group: `service:${service.name}`,
    startedBy: deployment.id,
    service,
    deploymentId: deployment.id,
    subnets: serviceSubnets(service),
    launchType: typeof service.extras.launchType === "string" ? service.extras.launchType : "FARGATE",
    tags: taskTags(ctx, service, taskDefinition.arn),
  });
}

/** The subnets of the service's awsvpc configuration (labels only: no EC2 emulation). */
export function serviceSubnets(service: ServiceRecord): string[] {
  const network = service.extras.networkConfiguration as
    | { awsvpcConfiguration?: { subnets?: unknown } }
    | undefined;
  const subnets = network?.awsvpcConfiguration?.subnets;
  return Array.isArray(subnets)
    ? subnets.filter((subnet): subnet is string => typeof subnet === "string")
    : [];
}

function taskTags(ctx: EcsContext, service: ServiceRecord, taskDefinitionArn: string): EcsTag[] {
  const tags: EcsTag[] = [];
  if (service.enableECSManagedTags) {
    tags.push({ key: "aws:ecs:clusterName", value: service.cluster.name });
    tags.push({ key: "aws:ecs:serviceName", value: service.name });
  }
  const propagate = service.extras.propagateTags;
  if (propagate === "SERVICE") tags.push(...(ctx.state.tags.get(service.arn) ?? []));
  if (propagate === "TASK_DEFINITION") tags.push(...(ctx.state.tags.get(taskDefinitionArn) ?? []));
  return tags;
}
