import type { EmitEvent, InvokeFunction, SecretResolver } from "../contracts.js";
import type { LoopbackAddressPool } from "../tasks/loopback-address-pool.js";
import type { StartSampleApp } from "../tasks/sample-app-launcher.js";
import type { TaskLogSink } from "../tasks/start-task-app.js";
import type { EcsState, ServiceRecord } from "./ecs-state.js";

/** How fast tasks start and deployments step; fast in tests, visible in the demo. */
export interface EcsTiming {
  /** PROVISIONING to RUNNING, split between the states. */
  readonly taskStartDelayMs: number;
  /** Pause before each scheduler step of a service (rolling replacement pacing). */
  readonly stepDelayMs: number;
  /** Most tasks one scheduler step launches for a service; the rest follow in later steps. @default unlimited */
  readonly tasksPerStep?: number;
}

/** Everything the ECS operations, lifecycle and scheduler share. */
export interface EcsContext {
  readonly state: EcsState;
  readonly now: () => number;
  readonly emit: EmitEvent;
  readonly resolver: SecretResolver;
  readonly startApp: StartSampleApp;
  /** Where awslogs containers' lines go. @default dropped */
  readonly taskLog?: TaskLogSink;
  readonly addresses: LoopbackAddressPool;
  readonly timing: EcsTiming;
  /** Lower clamp of the circuit breaker threshold (ECS: 10); small values make breaker tests cheap. */
  readonly circuitBreakerMinThreshold: number;
  /** Invokes lifecycle hook functions. */
  readonly invokeFunction: InvokeFunction;
  /** Real milliseconds per ECS second for hook callBackDelay, hook timeouts and bake times (1000 = real time). */
  readonly hookMsPerSecond: number;
  /** Resolves after `ms`, or at once when the runtime shuts down (stage drivers check `closed` after it). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Running task lifecycles, awaited on shutdown. */
  readonly drivers: Set<Promise<void>>;
  /** Asks the scheduler to look at a service soon (coalesced, paced). */
  readonly requestReconcile: (service: ServiceRecord) => void;
  /** Set on shutdown: the scheduler launches nothing more. */
  closed: boolean;
}
