import type { RunningApp } from "../tasks/sample-app-launcher.js";
import { startTaskApp } from "../tasks/start-task-app.js";
import type { EcsContext } from "./ecs-context.js";
import { emitTaskStateChange } from "./ecs-events.js";
import type { TaskRecord } from "./ecs-state.js";
import { containerDefinitions, hasHealthCheck } from "./task-definition-body.js";

const stopSignals = new WeakMap<TaskRecord, () => void>();

/** Applies one change to a task, bumps its `version` and announces it (ECS Task State Change). */
export function changeTask(ctx: EcsContext, task: TaskRecord, change: (task: TaskRecord) => void): void {
  change(task);
  task.version += 1;
  emitTaskStateChange(ctx, task);
}

/**
 * Drives a freshly created (PROVISIONING) task: PENDING, secrets and environment resolved once,
 * app listening, RUNNING; then waits for a stop request. Registered in `ctx.drivers`.
 */
export function driveTask(ctx: EcsContext, task: TaskRecord): void {
  const stopRequested = new Promise<void>((resolve) => stopSignals.set(task, resolve));
  const driver = runLifecycle(ctx, task, stopRequested).finally(() => ctx.drivers.delete(driver));
  ctx.drivers.add(driver);
}

/** Asks a task to stop (StopTask, scale-in, replacement, shutdown); a no-op when already stopping. */
export function requestTaskStop(
  ctx: EcsContext,
  task: TaskRecord,
  stopCode: NonNullable<TaskRecord["stopCode"]>,
  reason: string,
): void {
  if (task.desiredStatus === "STOPPED") return;
  changeTask(ctx, task, (t) => {
    t.desiredStatus = "STOPPED";
    t.stoppingAt = ctx.now();
    t.stopCode = stopCode;
    t.stoppedReason = reason;
  });
  stopSignals.get(task)?.();
}

async function runLifecycle(ctx: EcsContext, task: TaskRecord, stopRequested: Promise<void>): Promise<void> {
  const half = ctx.timing.taskStartDelayMs / 2;
  if (await waitOrStop(half, stopRequested)) return finishStop(ctx, task);
  changeTask(ctx, task, (t) => {
    t.lastStatus = "PENDING";
    t.connectivityAt = ctx.now();
    t.pullStartedAt = ctx.now();
    t.eni.status = "ATTACHED";
  });
  const outcome = await startOnFreeAddress(ctx, task);
  if (outcome.kind !== "started") return failToStart(ctx, task, outcome.reason);
  task.app = outcome.app;
  task.pullStoppedAt = ctx.now();
  if (await waitOrStop(half, stopRequested)) return finishStop(ctx, task);
  changeTask(ctx, task, (t) => {
    t.lastStatus = "RUNNING";
    t.startedAt = ctx.now();
    t.healthStatus = hasHealthCheck(task.taskDefinition) ? "HEALTHY" : "UNKNOWN";
    for (const container of t.containers) container.lastStatus = "RUNNING";
  });
  if (task.service) ctx.requestReconcile(task.service);
  await stopRequested;
  await finishStop(ctx, task);
}

/** Starts the app; if another process on the host holds the address, moves the ENI to a fresh one. */
async function startOnFreeAddress(
  ctx: EcsContext,
  task: TaskRecord,
): Promise<{ kind: "started"; app: RunningApp } | { kind: "failed"; reason: string }> {
  const containers = containerDefinitions(task.taskDefinition).map((definition) => {
    const extra = task.environmentOverrides?.[definition.name ?? ""];
    return extra ? { ...definition, environment: [...(definition.environment ?? []), ...extra] } : definition;
  });
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const host = task.eni.privateIPv4Address;
    const outcome = await startTaskApp({
      containers,
      host,
      resolver: ctx.resolver,
      startApp: ctx.startApp,
      taskId: task.id,
      ...(ctx.taskLog ? { taskLog: ctx.taskLog } : {}),
    });
    if (outcome.kind !== "address-in-use") return outcome;
    task.eni.privateIPv4Address = ctx.addresses.next();
  }
  return { kind: "failed", reason: "CannotStartContainerError: no free loopback address for the task" };
}

async function finishStop(ctx: EcsContext, task: TaskRecord): Promise<void> {
  const wasRunning = task.lastStatus === "RUNNING";
  changeTask(ctx, task, (t) => {
    t.lastStatus = "STOPPING";
  });
  await task.app?.close().catch(() => undefined);
  task.app = undefined;
  markStopped(ctx, task, wasRunning ? 0 : undefined);
}

function failToStart(ctx: EcsContext, task: TaskRecord, reason: string): void {
  task.desiredStatus = "STOPPED";
  task.stoppingAt = ctx.now();
  task.stopCode = "TaskFailedToStart";
  task.stoppedReason = reason;
  const deployment = task.service?.history.find((candidate) => candidate.id === task.deploymentId);
  if (deployment) deployment.failedTasks += 1;
  markStopped(ctx, task, undefined);
}

function markStopped(ctx: EcsContext, task: TaskRecord, exitCode: number | undefined): void {
  changeTask(ctx, task, (t) => {
    t.lastStatus = "STOPPED";
    t.desiredStatus = "STOPPED";
    t.stoppedAt = ctx.now();
    t.healthStatus = "UNKNOWN";
    t.eni.status = "DETACHED";
    for (const container of t.containers) {
      container.lastStatus = "STOPPED";
      if (exitCode !== undefined) container.exitCode = exitCode;
    }
  });
  task.service?.liveTasks.delete(task);
  if (task.service) ctx.requestReconcile(task.service);
}

/** Resolves true when a stop was requested before `ms` elapsed. */
function waitOrStop(ms: number, stopRequested: Promise<void>): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void stopRequested.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
