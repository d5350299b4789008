import { taskDefinitionLabel } from "../report/build-report.js";
import type { CutoverWindow } from "../secret/cutover-window.js";
import type { DeploymentSnapshot, ServiceSnapshot } from "../snapshots.js";

/** The deployment whose state-change event triggered this run, if one did. */
export interface TriggeringDeployment {
  readonly id: string;
  readonly state: "COMPLETED" | "FAILED";
}

/** A post-cut-over deployment that failed, and whether and by which deployment it was rolled back. */
export interface FailedDeployment {
  readonly id: string;
  readonly reason: string;
}

/**
 * Finds the post-cut-over deployment to blame, deterministically, whatever moment the run catches.
 * A rollback is a later deployment back to a task definition that ran before the cut-over; the
 * deployment it rolled back is the failed post-cut-over one before it (the forced deployment), named
 * even after ECS dropped it from the service's list, from the FAILED event that triggered the run.
 * Without a rollback, the newest failed deployment after the cut-over is blamed.
 */
export function findFailedDeployment(
  service: ServiceSnapshot,
  window: CutoverWindow,
  trigger?: TriggeringDeployment,
): FailedDeployment | undefined {
  const after = service.deployments
    .filter((deployment) => deployment.createdAt > window.latest)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const before = new Set(
    service.deployments
      .filter((deployment) => deployment.createdAt <= window.latest)
      .map((deployment) => deployment.taskDefinitionArn),
  );
  const rolledBack = findRolledBack(after, before, trigger);
  if (rolledBack) return rolledBack;
  const failed = [...after].reverse().find(isFailed);
  if (!failed) return undefined;
  return {
    id: failed.id,
    reason: `Deployment ${failed.id}, created after the cut-over, failed${because(failed)}`,
  };
}

function findRolledBack(
  after: readonly DeploymentSnapshot[],
  before: ReadonlySet<string>,
  trigger: TriggeringDeployment | undefined,
): FailedDeployment | undefined {
  for (const [index, rollback] of after.entries()) {
    const saysRollback = ROLLING_BACK.test(rollback.rolloutStateReason ?? "");
    if (!before.has(rollback.taskDefinitionArn) && !saysRollback) continue;
    const earlier = after.slice(0, index).reverse().find(isFailed);
    // Else the FAILED event's deployment, once ECS has dropped it (the rollback itself is listed, so never it).
    const failedId =
      earlier?.id ??
      (trigger?.state === "FAILED" && !after.some((d) => d.id === trigger.id) ? trigger.id : undefined);
    const outcome = isFailed(rollback)
      ? `; the rollback failed too${because(rollback)}`
      : rollback.rolloutState === "COMPLETED"
        ? "; the rollback completed"
        : "; the rollback is in progress";
    if (failedId === undefined) {
      if (!saysRollback) continue;
      return {
        id: rollback.id,
        reason: `A deployment created after the cut-over failed and was rolled back: deployment ${rollback.id} returned to task definition ${taskDefinitionLabel(rollback.taskDefinitionArn)}${outcome}`,
      };
    }
    return {
      id: failedId,
      reason: `Deployment ${failedId}, created after the cut-over, failed and was rolled back: deployment ${rollback.id} returned to task definition ${taskDefinitionLabel(rollback.taskDefinitionArn)}, which ran before the cut-over${outcome}`,
    };
  }
  return undefined;
}

/** How ECS words a rollback while it runs: "ECS deployment circuit breaker: rolling back to deploymentId ...". */
const ROLLING_BACK = /rolling back|rolled back/i;

function isFailed(deployment: DeploymentSnapshot): boolean {
  return deployment.rolloutState === "FAILED";
}

function because(deployment: DeploymentSnapshot): string {
  return deployment.rolloutStateReason ? ` (${deployment.rolloutStateReason})` : "";
}
