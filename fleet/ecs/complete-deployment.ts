import type { EcsContext } from "./ecs-context.js";
import { addServiceEvent, DeploymentEventName, emitDeploymentStateChange } from "./ecs-events.js";
import type { DeploymentRecord, ServiceRecord } from "./ecs-state.js";

/** The `rolloutStateReason` ECS writes once a deployment completes. */
export const completedReason = (id: string) => `ECS deployment ${id} completed.`;

/** Marks the PRIMARY deployment COMPLETED (steady state reached) and announces it. */
export function completeDeployment(
  ctx: EcsContext,
  service: ServiceRecord,
  deployment: DeploymentRecord,
): void {
  deployment.rolloutState = "COMPLETED";
  deployment.rolloutStateReason = completedReason(deployment.id);
  deployment.updatedAt = ctx.now();
  deployment.serviceDeploymentStatus = "SUCCESSFUL";
  deployment.finishedAt = ctx.now();
  if (deployment.rollbackOf) {
    deployment.rollbackOf.serviceDeploymentStatus = "ROLLBACK_SUCCESSFUL";
    deployment.rollbackOf.finishedAt = ctx.now();
  }
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
