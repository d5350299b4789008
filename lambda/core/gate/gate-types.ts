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
