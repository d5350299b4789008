import { describeError } from "../../errors.js";
import type { ActedService, ServicePlan } from "../judgement/plan-service.js";
import type { EcsPort } from "../ports.js";
import { clusterName } from "../report/build-report.js";
import { describeFailure, type GapLog } from "../report/gap-log.js";
import { GapScope, ServiceAction, ServiceVerdict } from "../report/report.js";
import type { DeploymentSnapshot } from "../snapshots.js";

/** What forcing one service needs: the port, the cut-over a deployment must postdate, the gap log. */
export interface ForceContext {
  readonly ecs: EcsPort;
  /** The latest possible cut-over: a deployment created after it read the new value. */
  readonly cutover: Date;
  readonly gaps?: GapLog;
}

/**
 * Exactly one deployment per decision. The service's deployments are re-read immediately before
 * UpdateService: if one created after the cut-over exists (another run, the CLI beside the Lambda,
 * an operator), the service waits on it instead of forcing a second. UpdateService is never
 * repeated once it may have reached ECS (the adapter retries only explicit throttles); when its
 * answer is lost, the service is re-read and a deployment created after the cut-over is the one
 * this call started. The report names the deployment that exists.
 */
export async function forceDeployment(
  context: ForceContext,
  cluster: string,
  service: string,
  plan: ServicePlan,
): Promise<ActedService> {
  let existing: DeploymentSnapshot | null;
  try {
    existing = await deploymentSinceCutover(context, cluster, service);
  } catch (error) {
    recordGap(
      context,
      cluster,
      service,
      error,
      "its deployments could not be re-read just before forcing, so it was not forced; the next run decides.",
    );
    const { errorCode } = describeFailure(error);
    return {
      ...plan,
      action: ServiceAction.None,
      reason: `${plan.reason} Not forced: re-reading its deployments failed (${errorCode}); the next run decides.`,
    };
  }
  if (existing)
    return {
      verdict: ServiceVerdict.Wait,
      action: ServiceAction.None,
      deploymentId: existing.id,
      reason: `${plan.reason} Deployment ${existing.id} was started after the cut-over by someone else just before this run could force one: waiting on it.`,
    };
  try {
    const { deploymentId } = await context.ecs.forceNewDeployment(cluster, service);
    return forced(plan, deploymentId, `Forced deployment ${deploymentId}.`);
  } catch (error) {
    return confirmAfterFailure(context, cluster, service, plan, error);
  }
}

async function confirmAfterFailure(
  context: ForceContext,
  cluster: string,
  service: string,
  plan: ServicePlan,
  error: unknown,
): Promise<ActedService> {
  const { errorCode } = describeFailure(error);
  const found = await deploymentSinceCutover(context, cluster, service).catch(() => null);
  if (found)
    return forced(
      plan,
      found.id,
      `UpdateService got no clear answer (${errorCode}), but ECS shows deployment ${found.id} created after the cut-over: forced once.`,
    );
  recordGap(
    context,
    cluster,
    service,
    error,
    "forcing a new deployment failed and no deployment after the cut-over exists.",
  );
  const why = describeError(error).message;
  return {
    verdict: ServiceVerdict.Failed,
    action: ServiceAction.None,
    deploymentId: null,
    reason: `${plan.reason} Forcing a new deployment failed (${why}): redeploy it yourself.`,
  };
}

async function deploymentSinceCutover(
  context: ForceContext,
  cluster: string,
  service: string,
): Promise<DeploymentSnapshot | null> {
  const [snapshot] = await context.ecs.describeServices(cluster, [service]);
  if (!snapshot) throw Object.assign(new Error(`service ${service} not found`), { code: "ServiceNotFound" });
  const after = snapshot.deployments
    .filter((deployment) => deployment.createdAt > context.cutover)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return after[0] ?? null;
}

function forced(plan: ServicePlan, deploymentId: string, note: string): ActedService {
  return {
    ...plan,
    action: ServiceAction.ForcedDeployment,
    deploymentId,
    reason: `${plan.reason} ${note}`,
  };
}

function recordGap(
  context: ForceContext,
  cluster: string,
  service: string,
  error: unknown,
  consequence: string,
) {
  context.gaps?.recordFailure({
    scope: GapScope.Deployment,
    cluster: clusterName(cluster),
    resource: service,
    error,
    consequence,
  });
}
