import type { Deployment, Service, TaskSet } from "@aws-sdk/client-ecs";
import type {
  DeploymentController,
  DeploymentSnapshot,
  RolloutState,
  ServiceSnapshot,
} from "../../core/snapshots.js";
import { required } from "../aws/aws-responses.js";

const CONTROLLERS: readonly string[] = ["ECS", "CODE_DEPLOY", "EXTERNAL"];
const ROLLOUT_STATES: readonly string[] = ["IN_PROGRESS", "COMPLETED", "FAILED"];

/**
 * A DescribeServices `Service` reduced to what the planner decides on. ECS tags (`{key, value}`)
 * become a record. A deployment without `createdAt` counts as created at the epoch: the
 * conservative reading, it can never pass for a deployment made after the cut-over.
 */
export function toServiceSnapshot(service: Service, cluster: string): ServiceSnapshot {
  const resource = service.serviceArn ?? service.serviceName ?? `a service of ${cluster}`;
  const controller = service.deploymentController?.type ?? "ECS";
  return {
    clusterArn: service.clusterArn ?? cluster,
    serviceArn: required(service.serviceArn, "serviceArn", "DescribeServices", resource),
    serviceName: required(service.serviceName, "serviceName", "DescribeServices", resource),
    ...(service.taskDefinition === undefined ? {} : { taskDefinitionArn: service.taskDefinition }),
    deploymentController: (CONTROLLERS.includes(controller)
      ? controller
      : "EXTERNAL") as DeploymentController,
    desiredCount: service.desiredCount ?? 0,
    tags: Object.fromEntries(
      (service.tags ?? []).flatMap((tag) => (tag.key === undefined ? [] : [[tag.key, tag.value ?? ""]])),
    ),
    deployments: [
      ...(service.deployments ?? []).map((deployment) => toDeploymentSnapshot(deployment, resource)),
      ...(service.taskSets ?? []).map((taskSet) => toTaskSetSnapshot(taskSet, resource)),
    ],
  };
}

/**
 * CODE_DEPLOY and EXTERNAL services run task sets, not deployments, and an EXTERNAL service may name
 * no task definition of its own: its task sets say which revisions its tasks run. A DRAINING set
 * still runs tasks, so it counts as ACTIVE.
 */
function toTaskSetSnapshot(taskSet: TaskSet, resource: string): DeploymentSnapshot {
  return {
    id: required(taskSet.id, "taskSets[].id", "DescribeServices", resource),
    status: taskSet.status === "PRIMARY" ? "PRIMARY" : "ACTIVE",
    taskDefinitionArn: taskSet.taskDefinition ?? "",
    createdAt: taskSet.createdAt ?? new Date(0),
    ...(taskSet.updatedAt === undefined ? {} : { updatedAt: taskSet.updatedAt }),
    desiredCount: taskSet.computedDesiredCount ?? 0,
    runningCount: taskSet.runningCount ?? 0,
    failedTasks: 0,
  };
}

function toDeploymentSnapshot(deployment: Deployment, resource: string): DeploymentSnapshot {
  const rolloutState = deployment.rolloutState;
  return {
    id: required(deployment.id, "deployments[].id", "DescribeServices", resource),
    status: deployment.status ?? "INACTIVE",
    taskDefinitionArn: deployment.taskDefinition ?? "",
    createdAt: deployment.createdAt ?? new Date(0),
    ...(deployment.updatedAt === undefined ? {} : { updatedAt: deployment.updatedAt }),
    ...(rolloutState !== undefined && ROLLOUT_STATES.includes(rolloutState)
      ? { rolloutState: rolloutState as RolloutState }
      : {}),
    ...(deployment.rolloutStateReason === undefined
      ? {}
      : { rolloutStateReason: deployment.rolloutStateReason }),
    desiredCount: deployment.desiredCount ?? 0,
    runningCount: deployment.runningCount ?? 0,
    failedTasks: deployment.failedTasks ?? 0,
  };
}
