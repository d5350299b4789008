import { breakerThreshold, failDeployment } from "./circuit-breaker.js";
import { completeDeployment } from "./complete-deployment.js";
import type { EcsContext } from "./ecs-context.js";
import { addServiceEvent } from "./ecs-events.js";
import type { DeploymentRecord, ServiceRecord, TaskRecord } from "./ecs-state.js";
import { launchServiceTask } from "./launch-service-task.js";
import { requestTaskStop } from "./task-lifecycle.js";

/**
 * One step of the ECS service scheduler: keep `desiredCount` tasks of the PRIMARY deployment,
 * replace older deployments' tasks within minimumHealthyPercent / maximumPercent, trip the
 * circuit breaker, retire drained deployments and mark the PRIMARY COMPLETED at steady state.
 * Idempotent: called again after every task change.
 */
export function reconcileService(ctx: EcsContext, service: ServiceRecord): void {
  if (ctx.closed) return;
  if (service.status !== "ACTIVE") {
    drainService(ctx, service);
    return;
  }
  const first = service.deployments[0];
  if (first?.rolloutState === "IN_PROGRESS" && service.settings.circuitBreaker.enable) {
    if (first.failedTasks >= breakerThreshold(ctx, service.desiredCount)) failDeployment(ctx, service, first);
  }
  const primary = service.deployments[0];
  if (!primary) return;
  if (primary.phases && primary.rolloutState === "IN_PROGRESS") {
    reconcileStaged(ctx, service, primary, primary.phases);
    return;
  }
  const desired = service.desiredCount;
  const primaryLive = liveOf(service, primary);
  if (primaryLive.length > desired)
    stopTasks(ctx, service, pickStoppable(primaryLive, primaryLive.length - desired));
  if (primary.rolloutState !== "FAILED") {
    launchForPrimary(ctx, service, primary);
    stopOldTasks(ctx, service, primary);
  }
  retireDrained(service);
  const running = liveOf(service, primary).filter((task) => task.lastStatus === "RUNNING");
  if (
    primary.rolloutState === "IN_PROGRESS" &&
    running.length === desired &&
    service.deployments.length === 1
  ) {
    if (liveOf(service, primary).length === desired) completeDeployment(ctx, service, primary);
  }
}

function liveOf(service: ServiceRecord, deployment?: DeploymentRecord): TaskRecord[] {
  return [...service.liveTasks].filter(
    (task) =>
      task.desiredStatus === "RUNNING" && (deployment === undefined || task.deploymentId === deployment.id),
  );
}

/**
 * A BLUE_GREEN, LINEAR or CANARY deployment in progress: green scales to the full desired count
 * next to blue (no maximumPercent bound) once the stage driver reaches SCALE_UP, and blue stops
 * only at CLEAN_UP; completion is the driver's call.
 */
function reconcileStaged(
  ctx: EcsContext,
  service: ServiceRecord,
  primary: DeploymentRecord,
  phases: NonNullable<DeploymentRecord["phases"]>,
): void {
  if (phases.scaleUp) launchForPrimary(ctx, service, primary, Number.POSITIVE_INFINITY);
  if (phases.cleanUp)
    stopTasks(
      ctx,
      service,
      liveOf(service).filter((task) => task.deploymentId !== primary.id),
    );
  retireDrained(service);
}

function launchForPrimary(
  ctx: EcsContext,
  service: ServiceRecord,
  primary: DeploymentRecord,
  maximumPercent = service.settings.maximumPercent,
): void {
  const desired = service.desiredCount;
  const maxTotal = Number.isFinite(maximumPercent)
    ? Math.floor((desired * maximumPercent) / 100)
    : Number.POSITIVE_INFINITY;
  const room = maxTotal - liveOf(service).length;
  const wanted = Math.min(desired - liveOf(service, primary).length, room);
  const count = Math.min(wanted, ctx.timing.tasksPerStep ?? wanted);
  if (count < wanted) ctx.requestReconcile(service);
  const started: TaskRecord[] = [];
  for (let index = 0; index < count; index += 1) started.push(launchServiceTask(ctx, service, primary));
  if (started.length > 0) {
    addServiceEvent(
      ctx,
      service,
      `has started ${started.length} tasks: ${started.map((t) => `(task ${t.id})`).join(" ")}.`,
    );
  }
}

function stopOldTasks(ctx: EcsContext, service: ServiceRecord, primary: DeploymentRecord): void {
  const old = liveOf(service).filter((task) => task.deploymentId !== primary.id);
  const notRunning = old.filter((task) => task.lastStatus !== "RUNNING");
  const runningOld = old.filter((task) => task.lastStatus === "RUNNING");
  const minHealthy = Math.ceil((service.desiredCount * service.settings.minimumHealthyPercent) / 100);
  const healthy = liveOf(service).filter((task) => task.lastStatus === "RUNNING").length;
  const stoppable = Math.max(0, Math.min(runningOld.length, healthy - minHealthy));
  stopTasks(ctx, service, [...notRunning, ...runningOld.slice(0, stoppable)]);
}

function pickStoppable(tasks: TaskRecord[], count: number): TaskRecord[] {
  const order = [...tasks].sort(
    (a, b) =>
      Number(a.lastStatus === "RUNNING") - Number(b.lastStatus === "RUNNING") || b.createdAt - a.createdAt,
  );
  return order.slice(0, count);
}

function stopTasks(ctx: EcsContext, service: ServiceRecord, tasks: TaskRecord[]): void {
  if (tasks.length === 0) return;
  for (const task of tasks) {
    const reason = `Scaling activity initiated by (deployment ${service.deployments[0]?.id ?? task.deploymentId})`;
    requestTaskStop(ctx, task, "ServiceSchedulerInitiated", reason);
  }
  addServiceEvent(
    ctx,
    service,
    `has stopped ${tasks.length} running tasks: ${tasks.map((t) => `(task ${t.id})`).join(" ")}.`,
  );
}

function retireDrained(service: ServiceRecord): void {
  const [primary, ...older] = service.deployments;
  if (!primary) return;
  const drained = older.filter(
    (deployment) => ![...service.liveTasks].some((t) => t.deploymentId === deployment.id),
  );
  for (const deployment of drained) deployment.status = "INACTIVE";
  service.deployments = [primary, ...older.filter((deployment) => !drained.includes(deployment))];
}

function drainService(ctx: EcsContext, service: ServiceRecord): void {
  const live = liveOf(service);
  if (live.length > 0) {
    for (const task of live) requestTaskStop(ctx, task, "ServiceSchedulerInitiated", "Service deletion");
    return;
  }
  if (service.liveTasks.size === 0 && service.status === "DRAINING") {
    service.status = "INACTIVE";
    for (const deployment of service.deployments) deployment.status = "INACTIVE";
    service.deployments = [];
  }
}
