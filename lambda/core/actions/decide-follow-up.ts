import type { VerificationRequest } from "../intake/verification-request.js";

/**
 * How long after a cut-over a completed deployment re-verifies the whole secret, by default: the
 * stack's sweep interval (1 hour). Later, the hourly sweep is no slower than a follow-up would be.
 */
export const DEFAULT_FOLLOW_UP_WINDOW_MS = 60 * 60 * 1000;

/** Whether a deployment event's run re-verifies the whole secret, and why (the report says so). */
export type FollowUpDecision =
  | { readonly kind: "follow-up"; readonly reason: string }
  | { readonly kind: "service-only" };

/**
 * Decides whether a deployment event's run is a follow-up of the secret's cut-over: the event is an
 * ECS deployment of a consumer service that COMPLETED, the deployment was created after the cut-over
 * (`cutover` is the window's latest end, so it surely read the new value: most likely a deployment this
 * verifier forced), and the run happens within the follow-up window after the cut-over. A completed
 * deployment frees one of the per-run cap's slots, so such a run verifies every consumer of the secret
 * (not just that service) and forces services an earlier run capped. Stateless: the decision rests
 * on the event, the cut-over and ECS's own record of the deployment, not on what an earlier run
 * remembered. Anything else (a FAILED deployment, one that predates the cut-over or that ECS no longer
 * lists, a run after the window) stays a service-only re-verification, as the benchmarks count it.
 */
export function decideFollowUp(
  request: Pick<VerificationRequest, "serviceFilter" | "triggeringDeployment" | "followUpWindowMs">,
  cutover: Date,
  now: Date,
): FollowUpDecision {
  const deployment = request.triggeringDeployment;
  const windowMs = request.followUpWindowMs ?? DEFAULT_FOLLOW_UP_WINDOW_MS;
  if (!request.serviceFilter || !deployment || deployment.state !== "COMPLETED") return serviceOnly;
  const created = deployment.createdAt;
  if (!created || created <= cutover) return serviceOnly;
  const sinceCutover = now.getTime() - cutover.getTime();
  if (windowMs <= 0 || sinceCutover < 0 || sinceCutover > windowMs) return serviceOnly;
  return {
    kind: "follow-up",
    reason: `Re-verifying the secret because deployment ${deployment.id} of service ${request.serviceFilter.serviceName}, created after the cut-over, completed within ${minutes(windowMs)} min of the cut-over (${minutes(sinceCutover)} min after it): every consumer is verified, and services an earlier run capped are forced as slots free.`,
  };
}

/**
 * The request a follow-up runs: the service filter dropped, so discovery covers every consumer of the
 * secret (from the invocation's one ECS read); everything else, the triggering deployment included, kept.
 */
export function widenToSecret(request: VerificationRequest): VerificationRequest {
  const { serviceFilter: _dropped, ...rest } = request;
  return rest;
}

const serviceOnly: FollowUpDecision = { kind: "service-only" };

function minutes(ms: number): number {
  return Math.ceil(ms / 60_000);
}

/** Minutes the follow-up window stays open after `now` (0 once closed or off), for capped services' reasons. */
export function followUpMinutesLeft(
  request: Pick<VerificationRequest, "followUpWindowMs">,
  cutover: Date,
  now: Date,
): number {
  const windowMs = request.followUpWindowMs ?? DEFAULT_FOLLOW_UP_WINDOW_MS;
  const left = cutover.getTime() + windowMs - now.getTime();
  return windowMs > 0 && left > 0 ? minutes(left) : 0;
}
