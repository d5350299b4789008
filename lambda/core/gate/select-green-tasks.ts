import { taskDefinitionLabel } from "../report/build-report.js";
import type { ServiceDeploymentSnapshot, TaskSnapshot } from "../snapshots.js";

/** The target revision's new tasks, and the rule that chose them (for the report and the log). */
export interface GreenTasks {
  readonly tasks: readonly TaskSnapshot[];
  /** One sentence naming the deployment and the time that divided green from blue. */
  readonly rule: string;
}

/**
 * Green tasks are the tasks on the target revision's task definition created at or after the service
 * deployment started (DescribeServiceDeployments `startedAt`, or `createdAt` while it has not
 * started): both are documented fields, where the `deployments[]` order of DescribeServices during a
 * blue/green deployment is not. A redeploy of the same task definition (forceNewDeployment) leaves
 * blue tasks on it that started before the deployment; judging them would fail the very deployment
 * that replaces them. A task without `createdAt` cannot be shown to be new, so it is left out.
 */
export function selectGreenTasks(
  tasks: readonly TaskSnapshot[],
  taskDefinitionArn: string,
  deployment: ServiceDeploymentSnapshot,
): GreenTasks {
  const since = deployment.startedAt ?? deployment.createdAt;
  const onRevision = tasks.filter(
    (task) => task.taskDefinitionArn === taskDefinitionArn && task.desiredStatus !== "STOPPED",
  );
  const tasksOf = since
    ? onRevision.filter((task) => task.createdAt !== undefined && task.createdAt.getTime() >= since.getTime())
    : onRevision;
  const id = deployment.serviceDeploymentArn.slice(deployment.serviceDeploymentArn.lastIndexOf("/") + 1);
  const when = since
    ? `${deployment.startedAt ? "started" : "was created (not started yet)"} at ${since.toISOString()}`
    : "has neither a start nor a creation time, so every task on the revision counts";
  return {
    tasks: tasksOf,
    rule: `tasks on ${taskDefinitionLabel(taskDefinitionArn)} created at or after service deployment ${id} ${when}`,
  };
}
