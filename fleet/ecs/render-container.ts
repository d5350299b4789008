import { compact } from "./compact.js";
import type { ContainerRecord, TaskRecord } from "./ecs-state.js";

/** A container of a task as DescribeTasks returns it: awsvpc, so no bindings, the task's ENI address. */
export function renderContainer(task: TaskRecord, container: ContainerRecord): Record<string, unknown> {
  return compact({
    containerArn: container.containerArn,
    taskArn: task.arn,
    name: container.name,
    image: container.image,
    imageDigest: container.imageDigest,
    runtimeId: container.runtimeId,
    lastStatus: container.lastStatus,
    exitCode: container.exitCode,
    networkBindings: [],
    networkInterfaces: [
      { attachmentId: task.eni.attachmentId, privateIpv4Address: task.eni.privateIPv4Address },
    ],
    healthStatus: "UNKNOWN",
    cpu: container.cpu,
    memoryReservation: container.memoryReservation,
  });
}
