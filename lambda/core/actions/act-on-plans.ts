import type { ServicePlan } from "../judgement/plan-service.js";
import { mapConcurrent } from "../map-concurrent.js";
import type { EcsPort } from "../ports.js";
import { ServiceAction, ServiceVerdict } from "../report/report.js";

/** A plan for one service, with what is needed to act on it. */
export interface PlannedService {
  readonly cluster: string;
  /** Null for standalone families: never acted on. */
  readonly serviceName: string | null;
  readonly plan: ServicePlan;
}

/** The plan after acting: the action taken and, for a forced deployment, its id. */
export interface ActedService extends ServicePlan {
  readonly action: ServiceAction;
}

/** Safety limits on acting. */
export interface ActPolicy {
  readonly dryRun: boolean;
  readonly maxRedeploysPerRun: number;
  readonly awsConcurrency: number;
}

/**
 * Forces a new deployment of every `redeploy` service, in plan order, up to the per-run cap
 * (`capped` beyond it) and never in dry-run (`dry-run`). A failed UpdateService is reported as a
 * `failed` service rather than aborting the run, so the other services are still fixed and reported.
 */
export async function actOnPlans(
  ecs: EcsPort,
  planned: readonly PlannedService[],
  policy: ActPolicy,
): Promise<ActedService[]> {
  let slots = policy.maxRedeploysPerRun;
  const decisions = planned.map((item): ServiceAction | "force" => {
    if (item.plan.verdict !== ServiceVerdict.Redeploy || item.serviceName === null) return ServiceAction.None;
    if (policy.dryRun) return ServiceAction.DryRun;
    if (slots <= 0) return ServiceAction.Capped;
    slots -= 1;
    return "force";
  });
  return mapConcurrent(planned, policy.awsConcurrency, async (item, index) => {
    const decision = decisions[index] ?? ServiceAction.None;
    if (decision !== "force")
      return { ...item.plan, action: decision, reason: annotate(item.plan.reason, decision) };
    return force(ecs, item.cluster, item.serviceName ?? "", item.plan);
  });
}

async function force(
  ecs: EcsPort,
  cluster: string,
  service: string,
  plan: ServicePlan,
): Promise<ActedService> {
  try {
    const { deploymentId } = await ecs.forceNewDeployment(cluster, service);
    return {
      ...plan,
      action: ServiceAction.ForcedDeployment,
      deploymentId,
      reason: `${plan.reason} Forced deployment ${deploymentId}.`,
    };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      verdict: ServiceVerdict.Failed,
      action: ServiceAction.None,
      deploymentId: null,
      reason: `${plan.reason} Forcing a new deployment failed (${why}): redeploy it yourself.`,
    };
  }
}

function annotate(reason: string, action: ServiceAction): string {
  if (action === ServiceAction.DryRun) return `${reason} Dry-run: no deployment was forced.`;
  if (action === ServiceAction.Capped) return `${reason} Not forced: the per-run redeploy cap was reached.`;
  return reason;
}
