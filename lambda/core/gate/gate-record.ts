import type { GateBlock } from "./decide-gate.js";
import type { HookStatus } from "./gate-types.js";

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
