import type { FleetEvent, FleetIdentity } from "./contracts.js";
import type { DeploymentRecord, EcsState, ServiceRecord } from "./ecs/ecs-state.js";
import type { EventListener } from "./events/event-bus.js";
import type { WaitOptions } from "./fleet-waiters.js";
import type { LambdaFunctionRegistry } from "./lambda/lambda-function-registry.js";
import type { Scenario } from "./scenario/scenario.js";
import type { SecretsManagerApi } from "./secrets-manager/create-secrets-manager-api.js";
import type { CallLog } from "./server-call-log.js";
import type { FaultInjector } from "./server-faults.js";
import type { TaskEndpoint } from "./task-endpoints.js";
import type { TaskMode } from "./tasks/sample-app-launcher.js";

/** Options of `startFleet`; every member is optional. */
export interface StartFleetOptions {
  /** @default 0 (a free port on 127.0.0.1) */
  readonly port?: number;
  /** @default account 123456789012, region eu-west-1 (the fixtures' identity) */
  readonly identity?: FleetIdentity;
  /** Time from a task's creation to RUNNING. @default 1000 */
  readonly taskStartDelayMs?: number;
  /**
   * Rolling pace: pause before each scheduler step, most tasks launched per step (demo: slow, visible).
   * @default { stepDelayMs: 100, tasksPerStep: unlimited }
   */
  readonly deploymentPacing?: { readonly stepDelayMs?: number; readonly tasksPerStep?: number };
  /** Lower clamp of the circuit breaker threshold. @default 10 (as ECS) */
  readonly circuitBreakerMinThreshold?: number;
  /** @default "in-process" */
  readonly taskMode?: TaskMode;
  /** Appends every event as one JSON line. @default none */
  readonly eventsFile?: string;
  /** Declarative setup applied through the same operations as the APIs. @default none */
  readonly scenario?: Scenario;
  /**
   * Real milliseconds per ECS second of lifecycle hook `callBackDelay`, hook timeouts and bake
   * times (tests: 1, so a 30 s callback delay takes 30 ms). @default 1000 (real time)
   */
  readonly lifecycleHookTiming?: { readonly msPerSecond?: number };
  /** Random source of fault injection. @default Math.random */
  readonly random?: () => number;
  /**
   * The local verifier's log file, served as its CloudWatch log group (`FilterLogEvents`) and named
   * by a stand-in of the stack's outputs (`DescribeStacks`), so `rollout-verifier report --stack`
   * works against the fleet. @default none: no log group, no stack
   */
  readonly functionLog?: FunctionLogOptions;
}

/** Where the local verifier logs, and the names AWS would give it. */
export interface FunctionLogOptions {
  readonly file: string;
  /** @default "/aws/lambda/rollout-verifier" */
  readonly logGroupName?: string;
  /** The stack whose `LogGroupName` output names it. @default "EcsRolloutVerifier" (bin/app.ts) */
  readonly stackName?: string;
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
  /** The Lambda functions lifecycle hooks invoke, by name (a local verifier registers itself). */
  readonly lambdaFunctions: LambdaFunctionRegistry;
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
