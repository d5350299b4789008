import { serviceDeploymentArn } from "./ecs-arns.js";
import type { EcsContext } from "./ecs-context.js";
import { DeploymentEventName, emitDeploymentStateChange } from "./ecs-events.js";
import { newDeploymentId, newServiceDeploymentId } from "./ecs-ids.js";
import type { DeploymentRecord, ServiceRecord } from "./ecs-state.js";
import { createServiceRevision } from "./service-revisions.js";
import { runStagedDeployment } from "./staged/run-staged-deployment.js";

/** `rolloutStateReason` texts as ECS writes them. */
export const inProgressReason = (id: string) => `ECS deployment ${id} in progress.`;

/** How a deployment starts: a rollback names the deployment it undoes and reuses the revision it returns to. */
export interface StartDeploymentOptions {
  /** The event and `rolloutStateReason` text while it runs. @default "ECS deployment <id> in progress." */
  readonly reason?: string;
  readonly rollbackOf?: DeploymentRecord;
  readonly revisionArn?: string;
}

/**
 * Starts a new PRIMARY deployment (CreateService, a new task definition, forceNewDeployment or a
 * rollback) with its service revision; the previous PRIMARY becomes ACTIVE and is drained by the
 * scheduler (ROLLING) or by the stage driver (BLUE_GREEN, LINEAR, CANARY). A deployment still in
 * progress when another starts is STOPPED, as ECS reports a superseded service deployment.
 */
export function startDeployment(
  ctx: EcsContext,
  service: ServiceRecord,
  taskDefinitionArn: string,
  options: StartDeploymentOptions = {},
): DeploymentRecord {
  const id = newDeploymentId();
  const now = ctx.now();
  for (const previous of service.deployments) {
    previous.status = "ACTIVE";
    if (previous.serviceDeploymentStatus === "IN_PROGRESS" && !options.rollbackOf) {
      previous.serviceDeploymentStatus = "STOPPED";
      previous.statusReason = `Stopped: a new deployment ${id} started.`;
      previous.stoppedAt = now;
    }
  }
  const revisionArn = options.revisionArn ?? createServiceRevision(ctx, service, taskDefinitionArn).arn;
  const staged = service.settings.strategy.strategy !== "ROLLING" && !options.rollbackOf;
  const deployment: DeploymentRecord = {
    id,
    status: "PRIMARY",
    taskDefinitionArn,
    createdAt: now,
    updatedAt: now,
    rolloutState: "IN_PROGRESS",
    // A rollback shows why it started ("...rolling back to deploymentId ...") until it settles, as on ECS.
    rolloutStateReason: options.reason ?? inProgressReason(id),
    failedTasks: 0,
    serviceDeploymentArn: serviceDeploymentArn(
      ctx.state.identity,
      service.cluster.name,
      service.name,
      newServiceDeploymentId(),
    ),
    revisionArn,
    sourceRevisionArns: [...new Set(service.deployments.map((previous) => previous.revisionArn))],
    settings: service.settings,
    serviceDeploymentStatus: "IN_PROGRESS",
    hookExecutions: [],
    trafficWeights: { test: 0, production: staged ? 0 : 100 },
    ...(options.rollbackOf ? { rollbackOf: options.rollbackOf } : {}),
    ...(staged ? { phases: { scaleUp: false, cleanUp: false } } : {}),
  };
  service.taskDefinitionArn = taskDefinitionArn;
  service.deployments.unshift(deployment);
  service.history.push(deployment);
  emitDeploymentStateChange(
    ctx,
    service,
    deployment,
    DeploymentEventName.inProgress,
    options.reason ?? inProgressReason(id),
  );
  if (staged) runStagedDeployment(ctx, service, deployment);
  else ctx.requestReconcile(service);
  return deployment;
}
