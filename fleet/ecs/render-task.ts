import { compact } from "./compact.js";
import type { EcsTag, TaskRecord } from "./ecs-state.js";
import type { TimeFormat } from "./epoch-seconds.js";
import { renderContainer } from "./render-container.js";

/** A task as DescribeTasks returns it (`time` = epoch seconds) or as a Task State Change detail (ISO). */
export function renderTask(
  task: TaskRecord,
  time: TimeFormat,
  tags?: readonly EcsTag[],
): Record<string, unknown> {
  const stopped = task.lastStatus === "STOPPED";
  const optionalTime = (ms: number | undefined) => (ms === undefined ? undefined : time(ms));
  const cpu = stringOr(task.taskDefinition.body.cpu, "256");
  const memory = stringOr(task.taskDefinition.body.memory, "512");
  return compact({
    attachments: [renderEni(task)],
    attributes: [{ name: "ecs.cpu-architecture", value: "x86_64" }],
    availabilityZone: `${task.cluster.arn.split(":")[3]}a`,
    clusterArn: task.cluster.arn,
    connectivity: task.connectivityAt === undefined ? undefined : stopped ? "DISCONNECTED" : "CONNECTED",
    connectivityAt: optionalTime(task.connectivityAt),
    containers: task.containers.map((container) => renderContainer(task, container)),
    cpu,
    createdAt: time(task.createdAt),
    desiredStatus: task.desiredStatus,
    enableExecuteCommand: false,
    executionStoppedAt: stopped ? optionalTime(task.stoppedAt) : undefined,
    group: task.group,
    healthStatus: task.healthStatus,
    lastStatus: task.lastStatus,
    launchType: task.launchType,
    memory,
    overrides: {
      containerOverrides: task.containers.map((container) =>
        compact({ name: container.name, environment: task.environmentOverrides?.[container.name] }),
      ),
      inferenceAcceleratorOverrides: [],
    },
    platformVersion: "1.4.0",
    platformFamily: "Linux",
    pullStartedAt: optionalTime(task.pullStartedAt),
    pullStoppedAt: optionalTime(task.pullStoppedAt),
    startedAt: optionalTime(task.startedAt),
    startedBy: task.startedBy,
    stopCode: task.stopCode,
    stoppedAt: optionalTime(task.stoppedAt),
    stoppedReason: task.stoppedReason,
    stoppingAt: optionalTime(task.stoppingAt),
    tags: tags === undefined ? undefined : tags.map((tag) => ({ ...tag })),
    taskArn: task.arn,
    taskDefinitionArn: task.taskDefinition.arn,
    version: task.version,
    ephemeralStorage: { sizeInGiB: 20 },
    fargateEphemeralStorage: { sizeInGiB: 20 },
  });
}

function renderEni(task: TaskRecord): Record<string, unknown> {
  const eni = task.eni;
  const ip = eni.privateIPv4Address;
  return {
    id: eni.attachmentId,
    type: "ElasticNetworkInterface",
    status: eni.status,
    details: [
      { name: "subnetId", value: eni.subnetId },
      { name: "networkInterfaceId", value: eni.networkInterfaceId },
      { name: "macAddress", value: eni.macAddress },
      {
        name: "privateDnsName",
        value: `ip-${ip.replaceAll(".", "-")}.${task.cluster.arn.split(":")[3]}.compute.internal`,
      },
      { name: "privateIPv4Address", value: ip },
    ],
  };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : fallback;
}
