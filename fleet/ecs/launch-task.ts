import { createHash } from "node:crypto";
import { appPort } from "../tasks/start-task-app.js";
import { containerArn, taskArn } from "./ecs-arns.js";
import type { EcsContext } from "./ecs-context.js";
import { emitTaskStateChange } from "./ecs-events.js";
import { newEniId, newMacAddress, newRuntimeId, newTaskId, newUuid } from "./ecs-ids.js";
import type { ClusterRecord, EcsTag, ServiceRecord, TaskDefinitionRecord, TaskRecord } from "./ecs-state.js";
import { containerDefinitions } from "./task-definition-body.js";
import { driveTask } from "./task-lifecycle.js";

/** What a new task is: from RunTask (standalone) or from the service scheduler (a deployment). */
export interface LaunchSpec {
  readonly cluster: ClusterRecord;
  readonly taskDefinition: TaskDefinitionRecord;
  readonly group: string;
  readonly startedBy?: string;
  readonly service?: ServiceRecord;
  readonly deploymentId?: string;
  readonly subnets: readonly string[];
  readonly launchType: string;
  readonly tags: readonly EcsTag[];
  readonly environmentOverrides?: TaskRecord["environmentOverrides"];
}

/** Subnet used when a task has no network configuration (no EC2 emulation: ids are labels). */
export const defaultSubnetId = "subnet-0f1ee7100000000a1";

/**
 * Creates a task in PROVISIONING with its own loopback ENI, records it, announces it and starts
 * its lifecycle. Synchronous so that RunTask and the scheduler see the task immediately.
 */
export function launchTask(ctx: EcsContext, spec: LaunchSpec): TaskRecord {
  const id = newTaskId();
  const identity = ctx.state.identity;
  const definitions = containerDefinitions(spec.taskDefinition);
  const address = ctx.addresses.next();
  const subnetId = spec.subnets[ctx.state.tasks.size % Math.max(1, spec.subnets.length)] ?? defaultSubnetId;
  const task: TaskRecord = {
    arn: taskArn(identity, spec.cluster.name, id),
    id,
    cluster: spec.cluster,
    taskDefinition: spec.taskDefinition,
    group: spec.group,
    ...(spec.startedBy === undefined ? {} : { startedBy: spec.startedBy }),
    ...(spec.service === undefined ? {} : { service: spec.service }),
    ...(spec.deploymentId === undefined ? {} : { deploymentId: spec.deploymentId }),
    lastStatus: "PROVISIONING",
    desiredStatus: "RUNNING",
    createdAt: ctx.now(),
    healthStatus: "UNKNOWN",
    version: 1,
    launchType: spec.launchType,
    containers: definitions.map((definition) => ({
      name: definition.name ?? "app",
      image: definition.image ?? "",
      containerArn: containerArn(identity, spec.cluster.name, id, newUuid()),
      runtimeId: newRuntimeId(id),
      imageDigest: `sha256:${createHash("sha256")
        .update(definition.image ?? "")
        .digest("hex")}`,
      cpu: String(definition.cpu ?? 0),
      ...(definition.memoryReservation === undefined
        ? {}
        : { memoryReservation: String(definition.memoryReservation) }),
      lastStatus: "PENDING",
    })),
    eni: {
      attachmentId: newUuid(),
      subnetId,
      networkInterfaceId: newEniId(),
      macAddress: newMacAddress(),
      privateIPv4Address: address,
      status: "PRECREATED",
    },
    port: appPort(definitions),
    ...(spec.environmentOverrides === undefined ? {} : { environmentOverrides: spec.environmentOverrides }),
  };
  ctx.state.tasks.set(task.arn, task);
  if (spec.tags.length > 0)
    ctx.state.tags.set(
      task.arn,
      spec.tags.map((tag) => ({ ...tag })),
    );
  spec.service?.liveTasks.add(task);
  emitTaskStateChange(ctx, task);
  driveTask(ctx, task);
  return task;
}
