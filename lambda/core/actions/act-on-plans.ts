import type { ActedService, PlannedService } from "../judgement/plan-service.js";
import { mapConcurrent } from "../map-concurrent.js";
import type { EcsPort } from "../ports.js";
import { clusterName } from "../report/build-report.js";
import type { GapLog } from "../report/gap-log.js";
import { GapScope, ServiceAction, ServiceVerdict } from "../report/report.js";
import { forceDeployment } from "./force-deployment.js";
import { cappedNote, redeploySlots } from "./redeploy-slots.js";

/** Safety limits on acting. */
export interface ActPolicy {
  readonly dryRun: boolean;
  readonly maxRedeploysPerRun: number;
  readonly awsConcurrency: number;
  /** The latest possible cut-over: a deployment created after it needs no second one. */
  readonly cutover: Date;
  /** Where failed or unconfirmed deployments are recorded. @default not recorded */
  readonly gaps?: GapLog;
  /** True once the run is out of time: nothing more is forced. @default never */
  readonly outOfTime?: () => boolean;
  /**
   * Consumer services already rolling a post-cut-over deployment (`countInFlight`), or null when they
   * could not be counted: then nothing is forced, since the cap could not be kept. @default 0
   */
  readonly inFlight?: number | null;
  /** Minutes the follow-up window stays open after this run, for capped services' reasons. @default 0 */
  readonly followUpMinutesLeft?: number;
}

/**
 * Forces a new deployment of every `redeploy` service, in plan order, up to the slots the cap leaves
 * (`redeploySlots`: the cap less the secret's consumers already rolling a post-cut-over deployment,
 * so never more than the cap in flight, as ECS shows it) and `capped` beyond them; never in dry-run
 * (`dry-run`). A capped service's reason says what forces it: the follow-up run of an earlier
 * deployment completing, or the sweep. A failed UpdateService is reported as a `failed` service
 * rather than aborting the run, so the other services are still fixed and reported. Each force
 * re-reads the service first (see `forceDeployment`); a run out of time forces nothing more.
 */
export async function actOnPlans(
  ecs: EcsPort,
  planned: readonly PlannedService[],
  policy: ActPolicy,
): Promise<ActedService[]> {
  const uncounted = policy.inFlight === null;
  const inFlight = policy.inFlight ?? 0;
  let slots = uncounted ? 0 : redeploySlots(policy.maxRedeploysPerRun, inFlight);
  const decisions = planned.map((item): ServiceAction | "force" => {
    if (item.plan.verdict !== ServiceVerdict.Redeploy || item.serviceName === null) return ServiceAction.None;
    if (policy.dryRun) return ServiceAction.DryRun;
    if (slots <= 0) return ServiceAction.Capped;
    slots -= 1;
    return "force";
  });
  const capped = uncounted
    ? "Not forced: the secret's deployments in flight could not be counted just before acting (see the report's gaps), so the cap could not be kept; the next run decides."
    : cappedNote({
        cap: policy.maxRedeploysPerRun,
        inFlight,
        forcedByRun: decisions.filter((decision) => decision === "force").length,
        followUpMinutesLeft: policy.followUpMinutesLeft ?? 0,
      });
  return mapConcurrent(planned, policy.awsConcurrency, async (item, index) => {
    const decision = decisions[index] ?? ServiceAction.None;
    if (decision !== "force")
      return { ...item.plan, action: decision, reason: annotate(item.plan.reason, decision, capped) };
    if (policy.outOfTime?.()) {
      policy.gaps?.record({
        scope: GapScope.Deployment,
        cluster: clusterName(item.cluster),
        resource: item.serviceName ?? "",
        operation: "UpdateService",
        errorCode: "RunDeadlineReached",
        detail: "the run's time budget ran out before this service could be forced: the next run decides.",
        taskArns: [],
      });
      return {
        ...item.plan,
        action: ServiceAction.None,
        reason: `${item.plan.reason} Not forced: the run's time budget ran out; the next run decides.`,
      };
    }
    return forceDeployment(
      { ecs, cutover: policy.cutover, ...(policy.gaps ? { gaps: policy.gaps } : {}) },
      item.cluster,
      item.serviceName ?? "",
      item.plan,
    );
  });
}

function annotate(reason: string, action: ServiceAction, cappedNote: string): string {
  if (action === ServiceAction.DryRun) return `${reason} Dry-run: no deployment was forced.`;
  if (action === ServiceAction.Capped) return `${reason} ${cappedNote}`;
  return reason;
}
