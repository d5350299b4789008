import type { TriggerReport } from "../report/report.js";
import type { CutoverHint } from "../secret/cutover-window.js";

/** `key=value`: only services carrying this tag are force-deployed; others are `blocked`. */
export interface RedeployTag {
  readonly key: string;
  readonly value: string;
}

/** Probe settings that apply when a service's `rollout-verifier:*` tags do not say otherwise. */
export interface ProbeDefaults {
  /** No default path means services without a `probe-path` tag are not probed. */
  readonly path?: string;
  readonly issuer?: string;
  readonly audience?: string;
  readonly timeoutMs: number;
  /** Probes in flight at once. */
  readonly concurrency: number;
  /** Also send an `alg: none` token and one signed with a wrong key; both must be rejected. */
  readonly securityProbes: boolean;
}

/** Restricts a run to one service (re-verification after its deployment finished). */
export interface ServiceFilter {
  /** Null when the event's service ARN carried no cluster: search every configured cluster. */
  readonly cluster: string | null;
  readonly serviceName: string;
}

/** One verification of one secret: everything the engine needs besides its ports. */
export interface VerificationRequest {
  /** ARN, partial ARN or name: resolved through DescribeSecret. */
  readonly secretId: string;
  readonly trigger: TriggerReport;
  /** The event time and what it says about the cut-over; null for sweeps and direct runs. */
  readonly cutoverHint: CutoverHint | null;
  /** Cluster names or ARNs; undefined means every cluster (ListClusters). */
  readonly clusters?: readonly string[];
  readonly serviceFilter?: ServiceFilter;
  /**
   * The deployment whose state change triggered a re-verification (names a failed forced deployment);
   * `createdAt` from ECS's list of the service's deployments, null when ECS no longer lists it.
   */
  readonly triggeringDeployment?: {
    readonly id: string;
    readonly state: "COMPLETED" | "FAILED";
    readonly createdAt?: Date | null;
  };
  /**
   * How long after the cut-over a completed deployment created after it re-verifies the whole secret
   * instead of its one service (`decideFollowUp`); 0 turns follow-ups off. @default 1 hour
   */
  readonly followUpWindowMs?: number;
  readonly dryRun: boolean;
  readonly maxRedeploysPerRun: number;
  readonly redeployTag?: RedeployTag;
  /** AWS calls in flight at once (DescribeTaskDefinition, UpdateService...). */
  readonly awsConcurrency: number;
  /** Whether to look up bridge/host task addresses through EC2 (needs ec2:DescribeInstances). */
  readonly bridgeAddresses: boolean;
  readonly probe: ProbeDefaults;
}
