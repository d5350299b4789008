/**
 * The deployment gate's vocabulary: what ECS is answered (`HookStatus`, `HookResponse`), the gate's
 * settings and failure policy, its decision with the blocks behind it, and the value-free record
 * that is logged and turned into metrics.
 */

/** What a lifecycle hook answers ECS; anything else (or a failed invocation) rolls the deployment back. */
export const HookStatus = {
  /** The deployment goes on to its next stage. */
  Succeeded: "SUCCEEDED",
  /** ECS rolls the deployment back to the last successful revision: green never takes traffic. */
  Failed: "FAILED",
  /** ECS invokes the hook again after `callBackDelay` seconds (default 30). */
  InProgress: "IN_PROGRESS",
} as const;
export type HookStatus = (typeof HookStatus)[keyof typeof HookStatus];

/**
 * The Lambda's return value for a hook payload, exactly the shape ECS reads. `hookDetails` returned
 * with IN_PROGRESS comes back merged into the next invocation's `hookDetails`: the gate keeps its
 * own start time there, so its maximum wait needs no database.
 */
export interface HookResponse {
  readonly hookStatus: HookStatus;
  /** Seconds until ECS invokes the hook again; only with IN_PROGRESS. */
  readonly callBackDelay?: number;
  readonly hookDetails?: Readonly<Record<string, string>>;
}

/** The `hookDetails` keys the gate writes; prefixed so they never collide with an operator's own. */
export const GateHookDetail = {
  /** ISO-8601 time of the gate's first invocation for this hook execution. */
  startedAt: "rolloutVerifierGateStartedAt",
  /** One sentence: why the gate answered what it answered. */
  reason: "rolloutVerifierGateReason",
} as const;

/** What the gate does when it cannot verify: let the deployment through (`open`) or roll it back (`closed`). */
export const GateFailurePolicy = { Open: "open", Closed: "closed" } as const;
export type GateFailurePolicy = (typeof GateFailurePolicy)[keyof typeof GateFailurePolicy];

/** The deployment gate's settings (from `VERIFIER_GATE_*`), with their defaults. */
export interface GateConfig {
  /**
   * Longest the gate keeps answering IN_PROGRESS while green tasks start or do not answer yet; then it
   * decides on the evidence it has. Keep it well below the hook's `timeoutConfiguration`
   * (default 1440 minutes), or ECS's timeout action decides instead. @default 300
   */
  readonly maxWaitSeconds: number;
  /** The `callBackDelay` of an IN_PROGRESS answer. @default 15 */
  readonly callBackDelaySeconds: number;
  /**
   * When the verifier itself fails (an AWS call, its own time limit) or green tasks are still
   * undecided at the maximum wait. @default "open": see docs/deployment-gate.md
   */
  readonly onError: GateFailurePolicy;
}

/** The defaults, shared by `readConfig` and callers that build a config by hand. */
export const defaultGateConfig: GateConfig = {
  maxWaitSeconds: 300,
  callBackDelaySeconds: 15,
  onError: GateFailurePolicy.Open,
};

/** One reason the gate refuses the revision: a task (or the revision itself) and why. */
export interface GateBlock {
  readonly secretName: string;
  /** Null when the task definition alone condemns the revision (a pin). */
  readonly taskArn: string | null;
  readonly why: string;
  readonly critical: boolean;
}

/** The gate's answer and the evidence behind it. */
export interface GateDecision {
  readonly status: HookStatus;
  /** One sentence for the operator: logged, in the report and in `hookDetails`. */
  readonly reason: string;
  /** Seconds until ECS asks again; only with IN_PROGRESS. */
  readonly callBackDelay?: number;
  readonly blocks: readonly GateBlock[];
  /** True when the failure policy decided, not the evidence (the verifier failed, or waited out). */
  readonly byPolicy: boolean;
}

/** How long the gate has been waiting for this hook execution. */
export interface GateClock {
  readonly elapsedMs: number;
}

/**
 * The gate's decision as one value-free record: logged (`deployment gate decided`) and turned into
 * the gate's metrics. It names the service, the revision, and each blocking task with why.
 */
export interface GateRecord {
  /** What ECS was answered. */
  readonly hookStatus: HookStatus;
  /** What the evidence said, when dry-run answered SUCCEEDED instead. */
  readonly verdict: HookStatus;
  readonly reason: string;
  /** True when the failure policy answered, not the evidence. */
  readonly byPolicy: boolean;
  readonly dryRun: boolean;
  readonly lifecycleStage: string;
  readonly executionId: string;
  readonly serviceArn: string;
  readonly targetServiceRevisionArn: string;
  readonly serviceDeploymentArn: string | null;
  /** Which tasks were judged as green and why; null when the gate judged no task. */
  readonly greenRule: string | null;
  readonly callBackDelay?: number;
  readonly blocks: readonly GateBlock[];
  /** The verifier's own failure, when the policy answered because of one (code and message only). */
  readonly error?: { readonly code: string; readonly message: string };
}
