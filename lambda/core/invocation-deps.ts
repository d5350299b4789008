import type { GateRecord } from "./gate/gate-types.js";
import type {
  Clock,
  EcsPort,
  EventLog,
  HistoryPort,
  IssuerPort,
  LogsPort,
  ProbePort,
  SecretsPort,
  ServiceRevisionsPort,
} from "./ports.js";
import type { ProbeSigner } from "./probes/probe-signer.js";
import type { RunReport } from "./report/report.js";
import type { VerifierConfig } from "./verifier-config.js";

/** The engine's ports and injected effects: nothing else reaches the outside world. */
export interface EngineDeps {
  /** ECS as it is now: what acting (and any check just before acting) uses. */
  readonly ecs: EcsPort;
  /**
   * The invocation's shared read of ECS (`createEcsSnapshot`), which discovery reads from, so the
   * runs of one invocation read the estate once. @default `ecs` (a run reads for itself)
   */
  readonly estate?: EcsPort;
  readonly secrets: SecretsPort;
  /** CloudTrail's event history, for when AWSCURRENT moved. @default none: API bounds only */
  readonly history?: HistoryPort;
  readonly probe: ProbePort;
  /**
   * HTTP to issuer tasks (JWKS, token endpoint), for services tagged with an issuer probe.
   * @default none: those probes are skipped, and the tasks say so
   */
  readonly issuer?: IssuerPort;
  /**
   * CloudWatch Logs, for the key fingerprint a task logged at start (tag
   * `rollout-verifier:fingerprint-log`). @default none: those tasks say their log was not read
   */
  readonly logs?: LogsPort;
  readonly clock: Clock;
  readonly signer: ProbeSigner;
  /** A unique run id (a UUID in production, fixed in tests). */
  readonly newId: () => string;
  /**
   * When the run must be reporting (from the Lambda's remaining time or the CLI's `--timeout`):
   * work not started by then is reported as a gap. @default no deadline
   */
  readonly deadline?: Date;
  /**
   * Where a run that must fail after reporting (the secret's value could not be read) publishes its
   * report before it throws, so the log and metrics show every task it saw. A run that returns its
   * report leaves publishing to its caller. @default none: the report of a failed run is not published
   */
  readonly publish?: (report: RunReport) => unknown;
}

/** What the entry point gives the gate besides the engine's ports. */
export interface GateSupport {
  readonly revisions: ServiceRevisionsPort;
  /** Resolves after `ms`: the gate's time limit, injected so the core owns no timer. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds the gate may spend before its failure policy answers (the Lambda's remaining time, less a margin). */
  readonly timeLimitMs: () => number;
  /** Publishes the decision's metrics. */
  readonly record: (record: GateRecord) => void;
}

/**
 * What an invocation gets from its composition root (the Lambda handler, the CLI), whichever entry
 * point handles it, `handleEvent` or the lifecycle hook's `handleHook`: the engine's deps plus the
 * configuration, a log and the report publisher (telemetry).
 */
export interface InvocationDeps extends EngineDeps {
  readonly config: VerifierConfig;
  readonly log: EventLog;
  /** Awaited: a promise it returns resolves once the report is written (a large one waits for the log to drain). */
  readonly publish: (report: RunReport) => unknown;
  /** The deployment gate's extra ports; absent where it is not wired (the CLI): the failure policy answers. */
  readonly gate?: GateSupport;
}
