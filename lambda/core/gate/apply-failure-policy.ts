import type { GateDecision } from "./decide-gate.js";
import { type GateConfig, GateFailurePolicy } from "./gate-config.js";
import { HookStatus } from "./gate-types.js";

/**
 * The answer when the verifier cannot verify (an AWS call failed, the time limit ran out, new tasks
 * stayed undecided past the maximum wait or answered without evidence either way): `open`
 * lets the deployment through, `closed` rolls it back. Either way `byPolicy` is set, so the
 * GateInconclusive alarm fires: failing open is never silent.
 */
export function applyFailurePolicy(what: string, config: GateConfig): GateDecision {
  const open = config.onError === GateFailurePolicy.Open;
  return {
    status: open ? HookStatus.Succeeded : HookStatus.Failed,
    reason: `The gate could not verify (${what}): the ${config.onError} failure policy ${open ? "lets the deployment through" : "rolls it back"}.`,
    blocks: [],
    byPolicy: true,
  };
}
