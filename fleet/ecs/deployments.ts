import type { EcsContext } from "./ecs-context.js";
import { addServiceEvent, DeploymentEventName, emitDeploymentStateChange } from "./ecs-events.js";
import { newDeploymentId } from "./ecs-ids.js";
import type { DeploymentRecord, ServiceRecord } from "./ecs-state.js";

/** `rolloutStateReason` texts as ECS writes them. */
export const inProgressReason = (id: string) => `ECS deployment ${id} in progress.`;
export const completedReason = (id: string) => `ECS deployment ${id} completed.`;
export const breakerFailedReason = "ECS deployment circuit breaker: task failed to start.";

/**
 * Starts a new PRIMARY deployment (CreateService, a new task definition, forceNewDeployment or a
 * rollback); the previous PRIMARY becomes ACTIVE and is drained by the scheduler.
 */
export function startDeployment(
  ctx: EcsContext,
  service: ServiceRecord,
  taskDefinitionArn: string,
  eventReason?: string,
): DeploymentRecord {
  const id = newDeploymentId();
  const now = ctx.now();
  for (const previous of service.deployments) previous.status = "ACTIVE";
  const deployment: DeploymentRecord = {
    id,
    status: "PRIMARY",
    taskDefinitionArn,
    createdAt: now,
    updatedAt: now,
    rolloutState: "IN_PROGRESS",
    // A rollback shows why it started ("...rolling back to deploymentId ...") until it settles, as on ECS.
    rolloutStateReason: eventReason ?? inProgressReason(id),
    failedTasks: 0,
  };
  service.taskDefinitionArn = taskDefinitionArn;
  service.deployments.unshift(deployment);
  service.history.push(deployment);
  emitDeploymentStateChange(
    ctx,
    service,
    deployment,
    DeploymentEventName.inProgress,
    eventReason ?? inProgressReason(id),
  );
  ctx.requestReconcile(service);
  return deployment;
}

/** Marks the PRIMARY deployment COMPLETED (steady state reached) and announces it. */
export function completeDeployment(
  ctx: EcsContext,
  service: ServiceRecord,
  deployment: DeploymentRecord,
): void {
  deployment.rolloutState = "COMPLETED";
  deployment.rolloutStateReason = completedReason(deployment.id);
  deployment.updatedAt = ctx.now();
  addServiceEvent(ctx, service, `(deployment ${deployment.id}) deployment completed.`);
  addServiceEvent(ctx, service, "has reached a steady state.");
  emitDeploymentStateChange(
    ctx,
    service,
    deployment,
    DeploymentEventName.completed,
    deployment.rolloutStateReason,
  );
}

/**
 * The circuit breaker trips: the deployment is FAILED and launches nothing more; with rollback,
 * a new deployment goes back to the last COMPLETED deployment's task definition. A rollback that
 * fails itself is not rolled back again: that would loop for as long as the cause lasts (a secret
 * the tasks cannot read fails every deployment alike).
 */
export function failDeployment(ctx: EcsContext, service: ServiceRecord, deployment: DeploymentRecord): void {
  const wasRollback = deployment.rolloutStateReason.includes("rolling back to deploymentId");
  deployment.rolloutState = "FAILED";
  deployment.rolloutStateReason = breakerFailedReason;
  deployment.updatedAt = ctx.now();
  addServiceEvent(ctx, service, `(deployment ${deployment.id}) deployment failed: tasks failed to start.`);
  emitDeploymentStateChange(ctx, service, deployment, DeploymentEventName.failed, breakerFailedReason);
  if (!service.settings.circuitBreaker.rollback || wasRollback) return;
  const target = [...service.history].reverse().find((candidate) => candidate.rolloutState === "COMPLETED");
  if (!target) return;
  startDeployment(
    ctx,
    service,
    target.taskDefinitionArn,
    `ECS deployment circuit breaker: rolling back to deploymentId ${target.id}.`,
  );
}

/** Circuit breaker threshold: half the desired count rounded up, clamped to [min, 200] (ECS: min 10). */
export function breakerThreshold(ctx: EcsContext, desiredCount: number): number {
  return Math.min(200, Math.max(ctx.circuitBreakerMinThreshold, Math.ceil(desiredCount * 0.5)));
}
