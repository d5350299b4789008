import type { Fleet } from "../fleet-api.js";
import type { LocalVerifier } from "./start-local-verifier.js";

/**
 * Resolves once the verifier has nothing queued or running and no deployment is rolling, twice in a
 * row with no new event routed in between: forced deployments finish, their COMPLETED events invoke
 * the verifier again, and only then is the fleet truly quiet. Rejects after `timeoutMs`.
 */
export async function waitUntilQuiet(
  fleet: Fleet,
  verifier: LocalVerifier,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietRounds = 0;
  let routedBefore = -1;
  while (quietRounds < 2) {
    if (Date.now() > deadline) throw new Error(`fleet and verifier did not settle within ${timeoutMs} ms`);
    await verifier.idle();
    await fleet.waitFor(() => !isRolling(fleet) || undefined, "no deployment IN_PROGRESS", {
      timeoutMs: Math.max(1, deadline - Date.now()),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const routed = verifier.routed.length;
    quietRounds = routed === routedBefore ? quietRounds + 1 : 0;
    routedBefore = routed;
  }
}

/** True while any active service has a deployment IN_PROGRESS. */
export function isRolling(fleet: Fleet): boolean {
  return [...fleet.ecs.services.values()].some(
    (service) =>
      service.status === "ACTIVE" &&
      service.deployments.some((deployment) => deployment.rolloutState === "IN_PROGRESS"),
  );
}
