import type { FunctionInvocationOutcome } from "../../contracts.js";

/** What ECS makes of one hook invocation. */
export type HookVerdict =
  | { readonly kind: "succeeded" }
  | { readonly kind: "failed"; readonly why: string }
  | {
      readonly kind: "in-progress";
      readonly callBackDelaySeconds: number;
      readonly hookDetails?: Readonly<Record<string, unknown>>;
    };

/** ECS re-invokes an IN_PROGRESS hook after this many seconds unless the function says otherwise. */
export const defaultCallBackDelaySeconds = 30;

/**
 * Reads a hook function's answer as ECS documents it: `hookStatus` SUCCEEDED continues, FAILED
 * rolls back, IN_PROGRESS re-invokes after `callBackDelay` seconds (default 30) with the returned
 * `hookDetails` merged into the next event. A failed invocation or a missing/unknown `hookStatus`
 * rolls back too.
 */
export function interpretHookResponse(outcome: FunctionInvocationOutcome): HookVerdict {
  if (!outcome.ok) return { kind: "failed", why: `invocation failed (${outcome.errorType})` };
  const result = outcome.result;
  const response =
    typeof result === "object" && result !== null && !Array.isArray(result)
      ? (result as Record<string, unknown>)
      : {};
  switch (response.hookStatus) {
    case "SUCCEEDED":
      return { kind: "succeeded" };
    case "FAILED":
      return { kind: "failed", why: "returned FAILED" };
    case "IN_PROGRESS": {
      const delay = response.callBackDelay;
      const details = response.hookDetails;
      return {
        kind: "in-progress",
        callBackDelaySeconds:
          typeof delay === "number" && Number.isFinite(delay) && delay >= 0
            ? delay
            : defaultCallBackDelaySeconds,
        ...(typeof details === "object" && details !== null && !Array.isArray(details)
          ? { hookDetails: details as Record<string, unknown> }
          : {}),
      };
    }
    default:
      return { kind: "failed", why: "returned no valid hookStatus" };
  }
}
