import type { FleetEvent } from "../contracts.js";
import type { EcsContext } from "./ecs-context.js";
import { newUuid } from "./ecs-ids.js";
import type { DeploymentRecord, ServiceRecord, TaskRecord } from "./ecs-state.js";
import { toIsoMillis, toIsoSeconds } from "./epoch-seconds.js";
import { renderTask } from "./render-task.js";

/** `ECS Deployment State Change` event names (EventBridge `detail.eventName`). */
export const DeploymentEventName = {
  inProgress: "SERVICE_DEPLOYMENT_IN_PROGRESS",
  completed: "SERVICE_DEPLOYMENT_COMPLETED",
  failed: "SERVICE_DEPLOYMENT_FAILED",
} as const;
export type DeploymentEventName = (typeof DeploymentEventName)[keyof typeof DeploymentEventName];

function envelope(
  ctx: EcsContext,
  detailType: string,
  resources: string[],
  detail: Record<string, unknown>,
): FleetEvent {
  return {
    version: "0",
    id: newUuid(),
    "detail-type": detailType,
    source: "aws.ecs",
    account: ctx.state.identity.account,
    time: toIsoSeconds(ctx.now()),
    region: ctx.state.identity.region,
    resources,
    detail,
  };
}

/** Emits `ECS Task State Change`: the task as DescribeTasks shows it, with ISO timestamps. */
export function emitTaskStateChange(ctx: EcsContext, task: TaskRecord): void {
  const detail = { ...renderTask(task, toIsoMillis), updatedAt: toIsoMillis(ctx.now()) };
  ctx.emit(envelope(ctx, "ECS Task State Change", [task.arn], detail));
}

/** Emits `ECS Deployment State Change` with the envelope of the documented example. */
export function emitDeploymentStateChange(
  ctx: EcsContext,
  service: ServiceRecord,
  deployment: DeploymentRecord,
  eventName: DeploymentEventName,
  reason: string,
): void {
  ctx.emit(
    envelope(ctx, "ECS Deployment State Change", [service.arn], {
      eventType: eventName === DeploymentEventName.failed ? "ERROR" : "INFO",
      eventName,
      deploymentId: deployment.id,
      updatedAt: toIsoMillis(deployment.updatedAt),
      reason,
    }),
  );
}

/**
 * Emits `SERVICE_DEPLOYMENT_FAILED` only for a service whose deployment circuit breaker is on: AWS
 * sends the event "for services with deployment circuit breaker logic turned on" and documents no
 * other case. A blue/green rollback driven by a lifecycle hook follows the same rule (assumed): a
 * consumer of the fleet must then not count on the event, which is the safe side if AWS never sends it.
 */
export function emitDeploymentFailed(
  ctx: EcsContext,
  service: ServiceRecord,
  deployment: DeploymentRecord,
  reason: string,
): void {
  if (!service.settings.circuitBreaker.enable) return;
  emitDeploymentStateChange(ctx, service, deployment, DeploymentEventName.failed, reason);
}

/** Records a service event (`describe-services` `events[]`, newest first, at most 100). */
export function addServiceEvent(ctx: EcsContext, service: ServiceRecord, message: string): void {
  service.events.unshift({
    id: newUuid(),
    createdAt: ctx.now(),
    message: `(service ${service.name}) ${message}`,
  });
  if (service.events.length > 100) service.events.length = 100;
}
