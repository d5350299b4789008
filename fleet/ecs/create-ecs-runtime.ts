import type { EmitEvent, FleetIdentity, InvokeFunction, SecretResolver, ServiceApi } from "../contracts.js";
import { createLoopbackAddressPool } from "../tasks/loopback-address-pool.js";
import type { StartSampleApp } from "../tasks/sample-app-launcher.js";
import type { TaskLogSink } from "../tasks/start-task-app.js";
import { clusterOperations } from "./cluster-operations.js";
import type { EcsContext, EcsTiming } from "./ecs-context.js";
import type { EcsState, ServiceRecord } from "./ecs-state.js";
import { createEcsState } from "./ecs-state.js";
import { pruneStoppedTasks } from "./prune-stopped-tasks.js";
import { serviceDeploymentOperations } from "./service-deployment-operations.js";
import { serviceReadOperations } from "./service-read-operations.js";
import { reconcileService } from "./service-scheduler.js";
import { serviceWriteOperations } from "./service-write-operations.js";
import { tagOperations } from "./tag-operations.js";
import { taskDefinitionOperations } from "./task-definition-operations.js";
import { requestTaskStop } from "./task-lifecycle.js";
import { taskOperations } from "./task-operations.js";
import { taskReadOperations } from "./task-read-operations.js";

/** The JSON 1.1 target prefix of ECS. */
export const ecsTargetPrefix = "AmazonEC2ContainerServiceV20141113";

/** What the fleet's ECS needs from the rest of the fleet. */
export interface EcsRuntimeOptions {
  readonly identity: FleetIdentity;
  readonly emit: EmitEvent;
  readonly resolver: SecretResolver;
  readonly startApp: StartSampleApp;
  /** Where awslogs containers' lines go (the fleet's CloudWatch Logs). @default dropped */
  readonly taskLog?: TaskLogSink;
  readonly timing: EcsTiming;
  /** @default 10 (the ECS lower clamp of the circuit breaker threshold) */
  readonly circuitBreakerMinThreshold?: number;
  /** Lifecycle hook targets. @default none: every hook invocation fails with ResourceNotFoundException */
  readonly invokeFunction?: InvokeFunction;
  /** Real milliseconds per ECS second of hook delays, hook timeouts and bake times. @default 1000 */
  readonly hookMsPerSecond?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** The fleet's ECS: its API, its state (read by tests and the fleet helpers) and a clean shutdown. */
export interface EcsRuntime {
  readonly api: ServiceApi;
  readonly state: EcsState;
  /** Stops the scheduler and every task (all task servers closed). */
  shutdown(): Promise<void>;
}

/** Builds ECS: state, scheduler (coalesced and paced per service), task lifecycles and the operations. */
export function createEcsRuntime(options: EcsRuntimeOptions): EcsRuntime {
  const pending = new Map<ServiceRecord, ReturnType<typeof setTimeout>>();
  const sleepers = new Set<() => void>();
  const ctx: EcsContext = {
    state: createEcsState(options.identity),
    now: options.now ?? Date.now,
    emit: options.emit,
    resolver: options.resolver,
    startApp: options.startApp,
    ...(options.taskLog ? { taskLog: options.taskLog } : {}),
    addresses: createLoopbackAddressPool(),
    timing: options.timing,
    circuitBreakerMinThreshold: options.circuitBreakerMinThreshold ?? 10,
    invokeFunction: options.invokeFunction ?? functionNotFound,
    hookMsPerSecond: options.hookMsPerSecond ?? 1000,
    sleep(ms) {
      if (ctx.closed) return Promise.resolve();
      return new Promise((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        sleepers.add(wake);
      });
    },
    drivers: new Set(),
    closed: false,
    requestReconcile(service) {
      if (ctx.closed || pending.has(service)) return;
      const timer = setTimeout(() => {
        pending.delete(service);
        reconcileService(ctx, service);
      }, ctx.timing.stepDelayMs);
      pending.set(service, timer);
    },
  };
  const operations = {
    ...clusterOperations(ctx),
    ...taskDefinitionOperations(ctx),
    ...serviceWriteOperations(ctx),
    ...serviceReadOperations(ctx),
    ...serviceDeploymentOperations(ctx),
    ...taskOperations(ctx),
    ...taskReadOperations(ctx),
    ...tagOperations(ctx),
  };
  const pruner = setInterval(() => pruneStoppedTasks(ctx.state, ctx.now()), 60_000);
  pruner.unref();
  return {
    api: { targetPrefix: ecsTargetPrefix, operations },
    state: ctx.state,
    async shutdown() {
      ctx.closed = true;
      clearInterval(pruner);
      for (const timer of pending.values()) clearTimeout(timer);
      for (const wake of [...sleepers]) wake();
      pending.clear();
      for (const task of ctx.state.tasks.values())
        requestTaskStop(ctx, task, "ServiceSchedulerInitiated", "Fleet stopped");
      while (ctx.drivers.size > 0) await Promise.all([...ctx.drivers]);
    },
  };
}

const functionNotFound: InvokeFunction = async (functionArn) => ({
  ok: false,
  errorType: "ResourceNotFoundException",
  errorMessage: `Function not found: ${functionArn}`,
});
