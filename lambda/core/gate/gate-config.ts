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
   * undecided at the maximum wait. @default "open": see the README, "Deployment gate"
   */
  readonly onError: GateFailurePolicy;
}

/** The defaults, shared by `readConfig` and callers that build a config by hand. */
export const defaultGateConfig: GateConfig = {
  maxWaitSeconds: 300,
  callBackDelaySeconds: 15,
  onError: GateFailurePolicy.Open,
};
