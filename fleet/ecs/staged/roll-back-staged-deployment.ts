import type { DeploymentRecord } from "../deployment-state.js";
import type { EcsContext } from "../ecs-context.js";
import { addServiceEvent, emitDeploymentFailed } from "../ecs-events.js";
import type { ServiceRecord } from "../ecs-state.js";
import { requestTaskStop } from "../task-lifecycle.js";
import { shiftWeights } from "./hook-payload.js";
import { runStageHooks } from "./run-stage-hooks.js";
import { waitForStage } from "./wait-for-stage.js";

/**
 * Rolls a staged deployment back: it is FAILED (SERVICE_DEPLOYMENT_FAILED with the reason, only
 * when the service's circuit breaker is on) and ROLLBACK_IN_PROGRESS; traffic that had shifted goes back to blue, re-invoking the
 * TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT hooks as ECS does (their answers cannot stop a
 * rollback); blue becomes PRIMARY again and keeps serving; green's tasks stop; then
 * ROLLBACK_SUCCESSFUL. With no blue to return to (a service's first deployment) the green tasks
 * stop all the same and the rollback is ROLLBACK_FAILED.
 */
export async function rollBackStagedDeployment(
  ctx: EcsContext,
  service: ServiceRecord,
  green: DeploymentRecord,
  blue: DeploymentRecord | undefined,
  reason: string,
): Promise<void> {
  const now = ctx.now();
  green.rolloutState = "FAILED";
  green.rolloutStateReason = reason;
  green.updatedAt = now;
  green.serviceDeploymentStatus = "ROLLBACK_IN_PROGRESS";
  green.statusReason = reason;
  green.rollback = { reason, startedAt: now, serviceRevisionArn: blue?.revisionArn ?? green.revisionArn };
  addServiceEvent(ctx, service, `(deployment ${green.id}) deployment failed: ${reason}`);
  emitDeploymentFailed(ctx, service, green, reason);
  const closed = () => ctx.closed;
  const blueArns = green.sourceRevisionArns;
  if (green.trafficWeights.production > 0) {
    green.trafficWeights.production = 0;
    const production = shiftWeights(green.revisionArn, blueArns, 0);
    await runStageHooks(ctx, service, green, "PRODUCTION_TRAFFIC_SHIFT", { test: {}, production }, closed);
  }
  if (green.trafficWeights.test > 0) {
    green.trafficWeights.test = 0;
    const test = shiftWeights(green.revisionArn, blueArns, 0);
    await runStageHooks(ctx, service, green, "TEST_TRAFFIC_SHIFT", { test, production: {} }, closed);
  }
  if (ctx.closed) return;
  if (blue && service.deployments[0] === green) {
    service.deployments = [blue, ...service.deployments.filter((d) => d !== green && d !== blue)];
    blue.status = "PRIMARY";
    green.status = "INACTIVE";
    service.taskDefinitionArn = blue.taskDefinitionArn;
  }
  for (const task of [...service.liveTasks].filter((t) => t.deploymentId === green.id)) {
    requestTaskStop(
      ctx,
      task,
      "ServiceSchedulerInitiated",
      `Scaling activity initiated by (deployment ${green.id})`,
    );
  }
  ctx.requestReconcile(service);
  const greenLive = () => [...service.liveTasks].some((task) => task.deploymentId === green.id);
  await waitForStage(ctx, () => !greenLive(), closed);
  green.serviceDeploymentStatus = blue ? "ROLLBACK_SUCCESSFUL" : "ROLLBACK_FAILED";
  green.finishedAt = ctx.now();
  green.updatedAt = ctx.now();
}
