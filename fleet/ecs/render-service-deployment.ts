import { breakerThreshold } from "./circuit-breaker.js";
import { compact } from "./compact.js";
import type { DeploymentRecord } from "./deployment-state.js";
import type { EcsContext } from "./ecs-context.js";
import type { ServiceRecord } from "./ecs-state.js";
import { toEpochSeconds } from "./epoch-seconds.js";
import { renderDeploymentConfiguration } from "./render-deployment-configuration.js";

/** A deployment as DescribeServiceDeployments returns it (`ServiceDeployment`). */
export function renderServiceDeployment(
  ctx: EcsContext,
  service: ServiceRecord,
  deployment: DeploymentRecord,
): Record<string, unknown> {
  const staged = deployment.phases !== undefined;
  const sources = deployment.sourceRevisionArns.map((arn) =>
    revisionSummary(
      service,
      arn,
      staged ? 100 - deployment.trafficWeights.test : undefined,
      staged ? 100 - deployment.trafficWeights.production : undefined,
    ),
  );
  const breaker = deployment.settings.circuitBreaker;
  return compact({
    serviceDeploymentArn: deployment.serviceDeploymentArn,
    serviceArn: service.arn,
    clusterArn: service.cluster.arn,
    createdAt: toEpochSeconds(deployment.createdAt),
    startedAt: startedAt(deployment),
    finishedAt: deployment.finishedAt === undefined ? undefined : toEpochSeconds(deployment.finishedAt),
    stoppedAt: deployment.stoppedAt === undefined ? undefined : toEpochSeconds(deployment.stoppedAt),
    updatedAt: toEpochSeconds(deployment.updatedAt),
    sourceServiceRevisions: sources,
    targetServiceRevision: revisionSummary(
      service,
      deployment.revisionArn,
      staged ? deployment.trafficWeights.test : undefined,
      staged ? deployment.trafficWeights.production : undefined,
    ),
    status: deployment.serviceDeploymentStatus,
    statusReason: deployment.statusReason,
    lifecycleStage: deployment.lifecycleStage,
    lifecycleHookDetails: renderHookDetails(deployment),
    deploymentConfiguration: renderDeploymentConfiguration(deployment.settings),
    rollback: deployment.rollback
      ? { ...deployment.rollback, startedAt: toEpochSeconds(deployment.rollback.startedAt) }
      : undefined,
    deploymentCircuitBreaker: {
      status: !breaker.enable ? "DISABLED" : breakerStatus(deployment),
      failureCount: deployment.failedTasks,
      threshold: breakerThreshold(ctx, service.desiredCount),
    },
  });
}

/** A deployment as ListServiceDeployments returns it (`ServiceDeploymentBrief`). */
export function renderServiceDeploymentBrief(service: ServiceRecord, deployment: DeploymentRecord) {
  return compact({
    serviceDeploymentArn: deployment.serviceDeploymentArn,
    serviceArn: service.arn,
    clusterArn: service.cluster.arn,
    startedAt: startedAt(deployment),
    createdAt: toEpochSeconds(deployment.createdAt),
    finishedAt: deployment.finishedAt === undefined ? undefined : toEpochSeconds(deployment.finishedAt),
    targetServiceRevisionArn: deployment.revisionArn,
    status: deployment.serviceDeploymentStatus,
    statusReason: deployment.statusReason,
  });
}

/**
 * When the deployment started: the model starts every deployment as it creates it (IN_PROGRESS at
 * once, blue/green included: green tasks launch only later, at SCALE_UP), so `startedAt` equals
 * `createdAt`; a PENDING deployment has not started and has none.
 */
function startedAt(deployment: DeploymentRecord): number | undefined {
  return deployment.serviceDeploymentStatus === "PENDING" ? undefined : toEpochSeconds(deployment.createdAt);
}

/** The executions of the current stage's hooks (the documented "active hooks" view). */
function renderHookDetails(deployment: DeploymentRecord): Record<string, unknown>[] | undefined {
  const current = deployment.hookExecutions.filter(
    (execution) => execution.stage === deployment.lifecycleStage,
  );
  if (current.length === 0) return undefined;
  return current.map((execution) =>
    compact({
      hookId: execution.hookId,
      targetType: execution.targetType,
      targetArn: execution.targetArn,
      status: execution.status,
      expiresAt: toEpochSeconds(execution.expiresAt),
      timeoutAction: execution.timeoutAction,
    }),
  );
}

function breakerStatus(deployment: DeploymentRecord): string {
  if (deployment.rolloutStateReason.startsWith("ECS deployment circuit breaker")) return "TRIGGERED";
  return deployment.rolloutState === "IN_PROGRESS" ? "MONITORING" : "MONITORING_COMPLETE";
}

function revisionSummary(
  service: ServiceRecord,
  arn: string,
  testWeight: number | undefined,
  productionWeight: number | undefined,
): Record<string, unknown> {
  const deployments = service.history.filter((deployment) => deployment.revisionArn === arn);
  const ids = new Set(deployments.map((deployment) => deployment.id));
  const live = [...service.liveTasks].filter(
    (task) => ids.has(task.deploymentId ?? "") && task.desiredStatus === "RUNNING",
  );
  const running = live.filter((task) => task.lastStatus === "RUNNING").length;
  const requested =
    service.deployments[0] && ids.has(service.deployments[0].id) ? service.desiredCount : live.length;
  return compact({
    arn,
    requestedTaskCount: requested,
    runningTaskCount: running,
    pendingTaskCount: live.length - running,
    requestedTestTrafficWeight: testWeight,
    requestedProductionTrafficWeight: productionWeight,
  });
}
