import { type GateConfig, GateFailurePolicy } from "./gate-config.js";

/** The `hookDetails` keys a service's hook configuration may set to override the function's gate settings. */
export const GateOverrideKey = {
  maxWaitSeconds: "maxWaitSeconds",
  onError: "onError",
} as const;

/**
 * The gate settings for one service: the function's, overridden by the hook's own `hookDetails`
 * (`{"onError":"closed","maxWaitSeconds":120}`), so one service can fail closed while the rest fail
 * open, with no change to the function. A value that is not usable is ignored, never fatal: a typo
 * in one service's hook must not roll back its deployments.
 */
export function applyHookOverrides(
  config: GateConfig,
  hookDetails: Readonly<Record<string, unknown>>,
): GateConfig {
  const onError = hookDetails[GateOverrideKey.onError];
  const maxWait = hookDetails[GateOverrideKey.maxWaitSeconds];
  const maxWaitSeconds = typeof maxWait === "string" && maxWait.trim() !== "" ? Number(maxWait) : maxWait;
  return {
    ...config,
    ...(onError === GateFailurePolicy.Open || onError === GateFailurePolicy.Closed ? { onError } : {}),
    ...(typeof maxWaitSeconds === "number" && Number.isInteger(maxWaitSeconds) && maxWaitSeconds >= 0
      ? { maxWaitSeconds }
      : {}),
  };
}
