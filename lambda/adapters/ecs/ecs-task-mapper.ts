import type { Attachment, NetworkBinding as SdkNetworkBinding, Task } from "@aws-sdk/client-ecs";
import type { NetworkBinding, TaskSnapshot } from "../../core/snapshots.js";
import { required } from "../aws/aws-responses.js";

/** DescribeTasks says `ElasticNetworkInterface`; ECS Task State Change events say `eni`. */
const ENI_ATTACHMENT_TYPES: readonly string[] = ["ElasticNetworkInterface", "eni"];

/**
 * A DescribeTasks `Task` reduced to what classification and probing need: timestamps, the
 * deployment that started it, and its own address (the ENI's `privateIPv4Address` for awsvpc,
 * the container instance plus host ports for bridge/host).
 */
export function toTaskSnapshot(task: Task, cluster: string): TaskSnapshot {
  const taskArn = required(task.taskArn, "taskArn", "DescribeTasks", `a task of ${cluster}`);
  const address = privateIpv4AddressOf(task);
  return {
    taskArn,
    clusterArn: task.clusterArn ?? cluster,
    taskDefinitionArn: required(task.taskDefinitionArn, "taskDefinitionArn", "DescribeTasks", taskArn),
    group: task.group ?? "",
    ...(task.startedBy === undefined ? {} : { startedBy: task.startedBy }),
    lastStatus: task.lastStatus ?? "UNKNOWN",
    desiredStatus: task.desiredStatus ?? "UNKNOWN",
    ...(task.createdAt === undefined ? {} : { createdAt: task.createdAt }),
    ...(task.pullStartedAt === undefined ? {} : { pullStartedAt: task.pullStartedAt }),
    ...(task.startedAt === undefined ? {} : { startedAt: task.startedAt }),
    ...(address === undefined ? {} : { privateIpv4Address: address }),
    ...(task.containerInstanceArn === undefined ? {} : { containerInstanceArn: task.containerInstanceArn }),
    containers: (task.containers ?? []).map((container) => ({
      name: container.name ?? "",
      networkBindings: dedupeBindings(container.networkBindings ?? []),
    })),
  };
}

function privateIpv4AddressOf(task: Task): string | undefined {
  const fromEni = (task.attachments ?? [])
    .filter((attachment) => ENI_ATTACHMENT_TYPES.includes(attachment.type ?? ""))
    .map(eniAddress)
    .find((value) => value !== undefined);
  if (fromEni !== undefined) return fromEni;
  return (task.containers ?? [])
    .flatMap((container) => container.networkInterfaces ?? [])
    .map((networkInterface) => networkInterface.privateIpv4Address)
    .find((value) => value !== undefined && value !== "");
}

function eniAddress(attachment: Attachment): string | undefined {
  const detail = (attachment.details ?? []).find((pair) => pair.name === "privateIPv4Address");
  return detail?.value === undefined || detail.value === "" ? undefined : detail.value;
}

/**
 * One binding per (containerPort, hostPort): ECS lists the same port once for `0.0.0.0` and once
 * for `::`; the IPv4 one is kept.
 */
function dedupeBindings(bindings: readonly SdkNetworkBinding[]): NetworkBinding[] {
  const byPorts = new Map<string, NetworkBinding>();
  for (const binding of bindings) {
    if (binding.containerPort === undefined || binding.hostPort === undefined) continue;
    const key = `${binding.containerPort}/${binding.hostPort}`;
    if (byPorts.has(key) && binding.bindIP?.includes(":")) continue;
    byPorts.set(key, {
      containerPort: binding.containerPort,
      hostPort: binding.hostPort,
      ...(binding.bindIP === undefined ? {} : { bindIP: binding.bindIP }),
    });
  }
  return [...byPorts.values()];
}
