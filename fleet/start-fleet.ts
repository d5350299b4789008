import type { FleetEvent, FleetIdentity } from "./contracts.js";
import { createEcsRuntime } from "./ecs/create-ecs-runtime.js";
import type { DeploymentRecord, EcsState, ServiceRecord } from "./ecs/ecs-state.js";
import { createEventBus, type EventListener } from "./events/event-bus.js";
import { openJsonLinesEventFile } from "./events/json-lines-event-file.js";
import { settledDeployment, steadyService, type WaitOptions, waitForValue } from "./fleet-waiters.js";
import { applyScenario } from "./scenario/apply-scenario.js";
import type { Scenario } from "./scenario/scenario.js";
import {
  createSecretsManagerApi,
  type SecretsManagerApi,
} from "./secrets-manager/create-secrets-manager-api.js";
import { startFleetServer } from "./server.js";
import { type CallLog, createCallLog } from "./server-call-log.js";
import { createFaultInjector, type FaultInjector } from "./server-faults.js";
import { listTaskEndpoints, type TaskEndpoint } from "./task-endpoints.js";
import { pickAppLauncher, TaskMode } from "./tasks/sample-app-launcher.js";

/** Options of `startFleet`; every member is optional. */
export interface StartFleetOptions {
  /** @default 0 (a free port on 127.0.0.1) */
  readonly port?: number;
  /** @default account 123456789012, region eu-west-1 (the fixtures' identity) */
  readonly identity?: FleetIdentity;
  /** Time from a task's creation to RUNNING. @default 1000 */
  readonly taskStartDelayMs?: number;
  /** Pause before each scheduler step of a service. @default { stepDelayMs: 100 } */
  readonly deploymentPacing?: { readonly stepDelayMs?: number };
  /** Lower clamp of the circuit breaker threshold. @default 10 (as ECS) */
  readonly circuitBreakerMinThreshold?: number;
  /** @default "in-process" */
  readonly taskMode?: TaskMode;
  /** Appends every event as one JSON line. @default none */
  readonly eventsFile?: string;
  /** Declarative setup applied through the same operations as the APIs. @default none */
  readonly scenario?: Scenario;
  /** Random source of fault injection. @default Math.random */
  readonly random?: () => number;
}

/** A running local fleet: endpoint, state, events, faults, waiters and a clean stop. */
export interface Fleet {
  readonly endpoint: string;
  readonly port: number;
  readonly identity: FleetIdentity;
  readonly ecs: EcsState;
  readonly secrets: SecretsManagerApi;
  readonly callLog: CallLog;
  readonly faults: FaultInjector;
  onEvent(listener: EventListener): () => void;
  /** The RUNNING tasks of a service (or of the whole cluster) with the URL their app answers on. */
  runningTasks(cluster: string, service?: string): TaskEndpoint[];
  waitForSteadyState(cluster: string, service: string, options?: WaitOptions): Promise<ServiceRecord>;
  /** Resolves once the deployment is COMPLETED or FAILED (see `rolloutState`). */
  waitForDeployment(
    cluster: string,
    service: string,
    deploymentId: string,
    options?: WaitOptions,
  ): Promise<DeploymentRecord>;
  /** Resolves with the first matching event emitted after the call. */
  waitForEvent(predicate: (event: FleetEvent) => boolean, options?: WaitOptions): Promise<FleetEvent>;
  waitFor<T>(probe: () => T | undefined, what: string, options?: WaitOptions): Promise<T>;
  /** Stops every task (all task servers closed), the front door, and the events file; idempotent. */
  stop(): Promise<void>;
}

/** Starts the loopback ECS + Secrets Manager; resolves once the front door accepts requests. */
export async function startFleet(options: StartFleetOptions = {}): Promise<Fleet> {
  const identity = options.identity ?? { account: "123456789012", region: "eu-west-1" };
  const bus = createEventBus();
  const eventsFile =
    options.eventsFile === undefined ? undefined : openJsonLinesEventFile(options.eventsFile);
  const unsubscribeFile = eventsFile ? bus.subscribe(eventsFile.write) : () => undefined;
  const secrets = createSecretsManagerApi({ identity, emit: bus.emit });
  const ecs = createEcsRuntime({
    identity,
    emit: bus.emit,
    resolver: secrets,
    startApp: pickAppLauncher(options.taskMode ?? TaskMode.inProcess),
    timing: {
      taskStartDelayMs: options.taskStartDelayMs ?? 1000,
      stepDelayMs: options.deploymentPacing?.stepDelayMs ?? 100,
    },
    ...(options.circuitBreakerMinThreshold === undefined
      ? {}
      : { circuitBreakerMinThreshold: options.circuitBreakerMinThreshold }),
  });
  const callLog = createCallLog();
  const faults = createFaultInjector(options.random);
  const server = await startFleetServer({
    services: [ecs.api, secrets],
    faults,
    callLog,
    port: options.port ?? 0,
  });
  if (options.scenario) await applyScenario(options.scenario, { ecs: ecs.api, secrets });
  const subscribe = (listener: EventListener) => bus.subscribe(listener);
  let stopping: Promise<void> | undefined;
  return {
    endpoint: server.endpoint,
    port: server.port,
    identity,
    ecs: ecs.state,
    secrets,
    callLog,
    faults,
    onEvent: subscribe,
    runningTasks: (cluster, service) => listTaskEndpoints(ecs.state, cluster, service),
    waitForSteadyState: (cluster, service, wait) =>
      waitForValue(
        subscribe,
        () => steadyService(ecs.state, cluster, service),
        `steady state of ${service}`,
        wait,
      ),
    waitForDeployment: (cluster, service, id, wait) =>
      waitForValue(
        subscribe,
        () => settledDeployment(ecs.state, cluster, service, id),
        `deployment ${id}`,
        wait,
      ),
    waitForEvent: (predicate, wait) =>
      waitForValue(
        subscribe,
        (event) => (event && predicate(event) ? event : undefined),
        "a matching event",
        wait,
      ),
    waitFor: (probe, what, wait) => waitForValue(subscribe, () => probe(), what, wait),
    stop() {
      stopping ??= (async () => {
        await ecs.shutdown();
        await server.close();
        unsubscribeFile();
        await eventsFile?.close();
      })();
      return stopping;
    },
  };
}
