import type { ServiceSnapshot, TaskSnapshot } from "../snapshots.js";

/** The target revision's tasks, and the deployment that started them when ECS lists it. */
export interface GreenTasks {
  readonly tasks: readonly TaskSnapshot[];
  /** The `ecs-svc/...` deployment running the target task definition, or null. */
  readonly deploymentId: string | null;
}

/**
 * Tasks carry no revision field, so green tasks are the service's tasks on the target revision's task
 * definition. When the service's PRIMARY deployment runs that task definition and started some of them
 * (`startedBy`), only those count: a redeploy of the same task definition leaves blue tasks on it too,
 * and those already take traffic, so they prove nothing about the new tasks.
 */
export function selectGreenTasks(
  service: ServiceSnapshot | undefined,
  tasks: readonly TaskSnapshot[],
  taskDefinitionArn: string,
): GreenTasks {
  const onRevision = tasks.filter(
    (task) => task.taskDefinitionArn === taskDefinitionArn && task.desiredStatus !== "STOPPED",
  );
  const primary = service?.deployments.find(
    (deployment) => deployment.status === "PRIMARY" && deployment.taskDefinitionArn === taskDefinitionArn,
  );
  if (!primary) return { tasks: onRevision, deploymentId: null };
  const started = onRevision.filter((task) => task.startedBy === primary.id);
  return { tasks: started.length > 0 ? started : onRevision, deploymentId: primary.id };
}
