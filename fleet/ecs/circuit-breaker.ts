import { startDeployment } from "./deployments.js";
import type { EcsContext } from "./ecs-context.js";
import { addServiceEvent, emitDeploymentFailed } from "./ecs-events.js";
import type { DeploymentRecord, ServiceRecord } from "./ecs-state.js";
import { abortStagedDeployment } from "./staged/run-staged-deployment.js";

/** `rolloutStateReason` of a deployment the circuit breaker failed, as ECS writes it. */
export const breakerFailedReason = "ECS deployment circuit breaker: task failed to start.";

/**
 * The circuit breaker trips: the deployment is FAILED and launches nothing more; with rollback,
 * a new deployment goes back to the last COMPLETED deployment's task definition (a staged
 * deployment goes back to its blue tasks instead). A rollback that fails itself is not rolled back
 * again: that would loop for as long as the cause lasts (a secret the tasks cannot read fails
 * every deployment alike).
 */
export function failDeployment(ctx: EcsContext, service: ServiceRecord, deployment: DeploymentRecord): void {
  if (deployment.phases) {
    abortStagedDeployment(deployment, breakerFailedReason);
    return;
  }
  deployment.rolloutState = "FAILED";
  deployment.rolloutStateReason = breakerFailedReason;
  deployment.updatedAt = ctx.now();
  addServiceEvent(ctx, service, `(deployment ${deployment.id}) deployment failed: tasks failed to start.`);
  emitDeploymentFailed(ctx, service, deployment, breakerFailedReason);
  const rolledBack = deployment.rollbackOf;
  if (rolledBack) {
    rolledBack.serviceDeploymentStatus = "ROLLBACK_FAILED";
    rolledBack.finishedAt = ctx.now();
  }
  const target = service.settings.circuitBreaker.rollback && !rolledBack ? lastCompleted(service) : undefined;
  if (!target) {
    deployment.serviceDeploymentStatus = rolledBack ? "ROLLBACK_FAILED" : "STOPPED";
    deployment.statusReason = breakerFailedReason;
    deployment.stoppedAt = ctx.now();
    return;
  }
  const reason = `ECS deployment circuit breaker: rolling back to deploymentId ${target.id}.`;
  deployment.serviceDeploymentStatus = "ROLLBACK_IN_PROGRESS";
  deployment.statusReason = breakerFailedReason;
  deployment.rollback = { reason, startedAt: ctx.now(), serviceRevisionArn: target.revisionArn };
  startDeployment(ctx, service, target.taskDefinitionArn, {
    reason,
    rollbackOf: deployment,
    revisionArn: target.revisionArn,
  });
}

function lastCompleted(service: ServiceRecord): DeploymentRecord | undefined {
  return [...service.history].reverse().find((candidate) => candidate.rolloutState === "COMPLETED");
}

/** Circuit breaker threshold: half the desired count rounded up, clamped to [min, 200] (ECS: min 10). */
export function breakerThreshold(ctx: EcsContext, desiredCount: number): number {
  return Math.min(200, Math.max(ctx.circuitBreakerMinThreshold, Math.ceil(desiredCount * 0.5)));
}
