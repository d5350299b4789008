import type { EcsState } from "./ecs/ecs-state.js";
import { findCluster, lookupService } from "./ecs/find-resources.js";

/** Where a RUNNING task's app answers: what a probe would derive from DescribeTasks. */
export interface TaskEndpoint {
  readonly taskArn: string;
  readonly address: string;
  readonly port: number;
  readonly url: string;
  readonly startedBy?: string;
}

/** RUNNING tasks of a service (or the whole cluster), oldest first. */
export function listTaskEndpoints(state: EcsState, cluster: string, service?: string): TaskEndpoint[] {
  const clusterRecord = findCluster(state, cluster);
  const serviceRecord = service === undefined ? undefined : lookupService(state, clusterRecord, service);
  return [...state.tasks.values()]
    .filter((task) => task.cluster === clusterRecord && task.lastStatus === "RUNNING")
    .filter((task) => service === undefined || task.service === serviceRecord)
    .map((task) => ({
      taskArn: task.arn,
      address: task.eni.privateIPv4Address,
      port: task.port,
      url: `http://${task.eni.privateIPv4Address}:${task.port}`,
      ...(task.startedBy === undefined ? {} : { startedBy: task.startedBy }),
    }));
}
