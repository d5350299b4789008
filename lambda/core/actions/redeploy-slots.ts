import type { InspectedGroup } from "../consumers/inspect-groups.js";
import type { DeploymentSnapshot, ServiceSnapshot } from "../snapshots.js";

/** The consumer services among a run's groups (standalone families have no deployments). */
export function consumerServices(groups: readonly InspectedGroup[]): ServiceSnapshot[] {
  return groups.flatMap(({ group }) => (group.kind === "service" ? [group.service] : []));
}

/**
 * Consumer services with a deployment in flight for this cut-over: one created after the cut-over
 * (so started for this rotation, by this verifier or anyone) that is still rolling, rolloutState
 * IN_PROGRESS, or (services without rolloutState, behind a Classic Load Balancer) a PRIMARY that is
 * not yet alone. Counted from ECS's state as the run read it, not from anything a run remembers, so
 * every run of any trigger counts the same way. A stuck deployment keeps its slot until ECS ends it.
 */
export function countInFlight(services: readonly ServiceSnapshot[], cutover: Date): number {
  return services.filter((service) =>
    service.deployments.some((deployment) => deployment.createdAt > cutover && rolling(deployment, service)),
  ).length;
}

/**
 * Forced deployments one run may start: the cap less what is already in flight, never negative.
 * The cap bounds forced deployments in flight at once, not per run: a run after earlier forced
 * deployments completed gets their slots back, one that finds them still rolling gets fewer.
 */
export function redeploySlots(cap: number, inFlight: number): number {
  return Math.max(0, cap - Math.max(0, inFlight));
}

/** What a capped service's reason says: why it waits, and what forces it. */
export interface CapContext {
  readonly cap: number;
  /** Services of the secret already rolling a post-cut-over deployment when the run read ECS. */
  readonly inFlight: number;
  /** Deployments this run forced (or decided to force). */
  readonly forcedByRun: number;
  /** Minutes of the follow-up window still open after this run, 0 when it has closed (or is off). */
  readonly followUpMinutesLeft: number;
}

/**
 * The reason added to a service the cap left: while the follow-up window is open and deployments are
 * in flight, each of them completing re-verifies the secret and frees a slot; otherwise the sweep
 * (or an operator) is what comes next.
 */
export function cappedNote(context: CapContext): string {
  const { cap, inFlight, forcedByRun, followUpMinutesLeft } = context;
  const limit = `Not forced: the cap of ${cap} forced deployment(s) in flight is reached (${inFlight} already rolling, ${forcedByRun} forced by this run).`;
  if (cap === 0)
    return "Not forced: the redeploy cap is 0 (VERIFIER_MAX_REDEPLOYS_PER_RUN): redeploy it yourself.";
  if (followUpMinutesLeft > 0 && inFlight + forcedByRun > 0)
    return `${limit} It will be forced as earlier deployments complete: each completion in the next ${followUpMinutesLeft} min re-verifies the secret; after that, the next sweep forces it.`;
  return `${limit} The next sweep forces it once earlier deployments complete.`;
}

function rolling(deployment: DeploymentSnapshot, service: ServiceSnapshot): boolean {
  if (deployment.rolloutState) return deployment.rolloutState === "IN_PROGRESS";
  return deployment.status === "PRIMARY" && service.deployments.length > 1;
}
