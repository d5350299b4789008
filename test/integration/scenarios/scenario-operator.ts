import {
  CreateServiceCommand,
  type CreateServiceCommandInput,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  type ECSClient,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import type { ServiceRecord, TaskRecord } from "../../../fleet/ecs/ecs-state.js";
import type { Fleet } from "../../../fleet/fleet-api.js";
import type { Scenario } from "../../../fleet/scenario/scenario.js";
import type { CallLogEntry } from "../../../fleet/server-call-log.js";

/** Members DescribeTaskDefinition adds that RegisterTaskDefinition does not accept. */
const describedOnly = new Set([
  "taskDefinitionArn",
  "revision",
  "status",
  "requiresAttributes",
  "compatibilities",
  "registeredAt",
  "registeredBy",
  "deregisteredAt",
]);

/**
 * What an operator's ordinary release does: registers a new revision of the service's task
 * definition (same body) and updates the service to it. Not a forced deployment, so it never shows
 * up in `Harness.forcedDeployments`. Resolves with the new PRIMARY deployment's id.
 */
export async function deployNewRevision(ecs: ECSClient, cluster: string, service: string): Promise<string> {
  const described = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  const taskDefinition = described.services?.[0]?.taskDefinition;
  if (!taskDefinition) throw new Error(`service ${cluster}/${service} has no task definition`);
  const current = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
  const body = Object.fromEntries(
    Object.entries(current.taskDefinition ?? {}).filter(([key]) => !describedOnly.has(key)),
  ) as RegisterTaskDefinitionCommandInput;
  const registered = await ecs.send(new RegisterTaskDefinitionCommand(body));
  const updated = await ecs.send(
    new UpdateServiceCommand({
      cluster,
      service,
      taskDefinition: registered.taskDefinition?.taskDefinitionArn,
    }),
  );
  const primary = updated.service?.deployments?.find((deployment) => deployment.status === "PRIMARY");
  if (!primary?.id) throw new Error(`UpdateService of ${cluster}/${service} returned no PRIMARY deployment`);
  return primary.id;
}

/**
 * Holds the verifier's next cut-over runs back: its discovery starts with ListClusters, which the
 * test itself never calls, so adding latency there lets the test act "between" the rotation and the
 * verification deterministically. Returns the release function.
 */
export function holdVerifierDiscovery(fleet: Fleet, latencyMs: number): () => void {
  fleet.faults.set("ecs.ListClusters", { latencyMs });
  return () => fleet.faults.clear("ecs.ListClusters");
}

/** ECS and Secrets Manager operations that change state; a dry run must make none of them. */
export const mutatingOperations: ReadonlySet<string> = new Set([
  "UpdateService",
  "CreateService",
  "DeleteService",
  "RunTask",
  "StartTask",
  "StopTask",
  "RegisterTaskDefinition",
  "DeregisterTaskDefinition",
  "TagResource",
  "UntagResource",
  "PutSecretValue",
  "UpdateSecret",
  "UpdateSecretVersionStage",
  "RotateSecret",
  "CreateSecret",
  "DeleteSecret",
]);

/** Mutating calls in the fleet's call log after `since` (epoch ms), optionally only the product's. */
export function mutatingCallsSince(fleet: Fleet, since: number, userAgent?: string): CallLogEntry[] {
  return fleet.callLog
    .entries(userAgent === undefined ? {} : { userAgent })
    .filter((entry) => entry.at >= since && mutatingOperations.has(entry.operation));
}

/** The fleet's own record of a service (deployments, history, live tasks): the ground truth to assert on. */
export function serviceRecord(fleet: Fleet, cluster: string, name: string): ServiceRecord {
  const found = [...fleet.ecs.services.values()].find(
    (service) => service.name === name && service.cluster.name === cluster,
  );
  if (!found) throw new Error(`no service ${cluster}/${name} in the fleet`);
  return found;
}

/** The RUNNING tasks of a service as the fleet holds them (with their lifecycle timestamps). */
export function runningTaskRecords(fleet: Fleet, cluster: string, name: string): TaskRecord[] {
  return [...serviceRecord(fleet, cluster, name).liveTasks].filter((task) => task.lastStatus === "RUNNING");
}

/**
 * Registers the task definitions and creates the services of `scenario` through the ECS API, as an
 * operator would after the fleet started (for consumers that must start after a given secret change).
 */
export async function createServices(ecs: ECSClient, scenario: Scenario): Promise<void> {
  for (const definition of scenario.taskDefinitions ?? [])
    await ecs.send(
      new RegisterTaskDefinitionCommand(definition as unknown as RegisterTaskDefinitionCommandInput),
    );
  for (const service of scenario.services ?? [])
    await ecs.send(new CreateServiceCommand(service as unknown as CreateServiceCommandInput));
}

/**
 * CloudTrail and EventBridge stamp times to the whole second, so a move in the same second as a task
 * start cannot be ordered with it: the task lies inside the cut-over window and a timestamps-only
 * service is `blocked` on tasks nobody can prove stale (and a replayed event of that same second
 * still looks like the move). Waits until the clock has left the second in which the service's last
 * task started, so a move made next is recorded in a later second than every task start and than
 * any event dated before them.
 */
export async function leaveTaskStartSecond(fleet: Fleet, service: string, cluster = "prod"): Promise<void> {
  const started = runningTaskRecords(fleet, cluster, service).map((task) => task.startedAt ?? task.createdAt);
  const nextSecond = (Math.floor(Math.max(...started) / 1000) + 1) * 1000;
  await fleet.waitFor(
    () => Date.now() >= nextSecond || undefined,
    "the clock past the second of the last task start",
  );
}
