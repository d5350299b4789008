import type { GateConfig } from "./gate/gate-types.js";
import type { FunctionPlace } from "./intake/check-direct-fields.js";
import type { RedeployTag } from "./intake/verification-request.js";

/** The verifier's configuration (read from the environment by `lambda/config.ts`), with its defaults. */
export interface VerifierConfig {
  /** Clusters to search. @default every cluster of the account and region */
  readonly clusters?: readonly string[];
  /** Secret ARNs or names to watch. @default whichever secret an event names */
  readonly watchedSecrets?: readonly string[];
  /** @default false (act) */
  readonly dryRun: boolean;
  /** @default 25 */
  readonly maxRedeploysPerRun: number;
  /**
   * Minutes after a cut-over during which a completed deployment created after it re-verifies the
   * whole secret, so services a capped run left are forced as earlier deployments complete. 0: never.
   * @default 60 (the sweep's interval)
   */
  readonly followUpWindowMinutes?: number;
  /** @default none: every service that needs it may be force-deployed */
  readonly redeployTag?: RedeployTag;
  /** @default 2000 */
  readonly probeTimeoutMs: number;
  /** @default 16 */
  readonly probeConcurrency: number;
  /** @default none: services without a `rollout-verifier:probe-path` tag are not probed */
  readonly probePath?: string;
  readonly probeIssuer?: string;
  readonly probeAudience?: string;
  /** @default true */
  readonly securityProbes: boolean;
  /** @default true */
  readonly bridgeAddresses: boolean;
  /** @default 8 */
  readonly awsConcurrency: number;
  /** The deployment gate's waits and failure policy. @default `defaultGateConfig` */
  readonly gate?: GateConfig;
  /**
   * The function's own region (and account, when known): a direct invocation naming an ARN
   * elsewhere is refused before any AWS call. @default unknown: only the fields' format is checked
   */
  readonly place?: FunctionPlace;
}
