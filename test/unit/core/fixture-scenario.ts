import type {
  DeploymentSnapshot,
  SecretDescription,
  ServiceSnapshot,
  TaskDefinitionSnapshot,
  TaskSnapshot,
} from "../../../lambda/core/snapshots.js";
import { loadAwsFixture } from "./aws-fixtures.js";
import { aTaskDefinition, secretArn, taskDefinitionArn } from "./builders.js";

/**
 * The shared fixture scenario (fixtures/aws/README.md) mapped from the JSON wire format into the
 * engine's snapshots, the way the adapters do it: epoch seconds become Dates, tags become a record.
 */
// biome-ignore lint/suspicious/noExplicitAny: wire-format fixture JSON, validated against the service model by the fixture script
type Json = Record<string, any>;

const date = (epochSeconds: number | undefined) =>
  epochSeconds === undefined ? undefined : new Date(epochSeconds * 1000);
const tags = (list: { key: string; value: string }[] = []) =>
  Object.fromEntries(list.map((t) => [t.key, t.value]));

function toService(service: Json): ServiceSnapshot {
  return {
    clusterArn: service.clusterArn,
    serviceArn: service.serviceArn,
    serviceName: service.serviceName,
    taskDefinitionArn: service.taskDefinition,
    deploymentController: service.deploymentController?.type ?? "ECS",
    desiredCount: service.desiredCount,
    tags: tags(service.tags),
    deployments: service.deployments.map(
      (d: Json): DeploymentSnapshot => ({
        id: d.id,
        status: d.status,
        taskDefinitionArn: d.taskDefinition,
        createdAt: date(d.createdAt) as Date,
        updatedAt: date(d.updatedAt),
        rolloutState: d.rolloutState,
        rolloutStateReason: d.rolloutStateReason,
        desiredCount: d.desiredCount,
        runningCount: d.runningCount,
        failedTasks: d.failedTasks,
      }),
    ),
  };
}

function toTask(task: Json): TaskSnapshot {
  const eni = task.attachments?.find((a: Json) => a.type === "ElasticNetworkInterface");
  const ip = eni?.details?.find((d: Json) => d.name === "privateIPv4Address")?.value;
  return {
    taskArn: task.taskArn,
    clusterArn: task.clusterArn,
    taskDefinitionArn: task.taskDefinitionArn,
    group: task.group,
    startedBy: task.startedBy,
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    createdAt: date(task.createdAt),
    pullStartedAt: date(task.pullStartedAt),
    startedAt: date(task.startedAt),
    ...(ip ? { privateIpv4Address: ip } : {}),
    ...(task.containerInstanceArn ? { containerInstanceArn: task.containerInstanceArn } : {}),
    containers: task.containers.map((c: Json) => ({
      name: c.name,
      networkBindings: c.networkBindings ?? [],
    })),
  };
}

function toTaskDefinition(response: Json): TaskDefinitionSnapshot {
  const td = response.taskDefinition;
  return {
    arn: td.taskDefinitionArn,
    family: td.family,
    revision: td.revision,
    networkMode: td.networkMode,
    containers: td.containerDefinitions.map((c: Json) => ({
      name: c.name,
      portMappings: c.portMappings ?? [],
    })),
    secretReferences: td.containerDefinitions.flatMap((c: Json) => [
      ...(c.secrets ?? []).map((s: Json) => ({
        container: c.name,
        source: "secrets",
        name: s.name,
        valueFrom: s.valueFrom,
      })),
      ...(c.logConfiguration?.secretOptions ?? []).map((s: Json) => ({
        container: c.name,
        source: "logConfiguration",
        name: s.name,
        valueFrom: s.valueFrom,
      })),
    ]),
  };
}

/** orders-worker:16 and :17 have no fixture; the README says to assume `...:signingKey::` on a bridge network. */
function workerDefinition(revision: number): TaskDefinitionSnapshot {
  return aTaskDefinition({
    arn: taskDefinitionArn(`orders-worker:${revision}`),
    family: "orders-worker",
    revision,
    networkMode: "bridge",
    containers: [{ name: "orders-worker", portMappings: [{ containerPort: 8080, hostPort: 0 }] }],
    secretReferences: [
      {
        container: "orders-worker",
        source: "secrets",
        name: "JWT_SIGNING_KEY",
        valueFrom: `${secretArn}:signingKey::`,
      },
    ],
  });
}

/** The whole scenario as snapshots. */
export function loadFixtureScenario() {
  const services = (loadAwsFixture("ecs/describe-services.json").services as Json[]).map(toService);
  const tasks = [
    ...(loadAwsFixture("ecs/describe-tasks-fargate.json").tasks as Json[]),
    ...(loadAwsFixture("ecs/describe-tasks-ec2-bridge.json").tasks as Json[]),
  ].map(toTask);
  const secret = loadAwsFixture("secretsmanager/describe-secret.json") as Json;
  const description: SecretDescription = {
    arn: secret.ARN,
    name: secret.Name,
    versionIdsToStages: secret.VersionIdsToStages,
    lastChangedDate: date(secret.LastChangedDate),
    lastRotatedDate: date(secret.LastRotatedDate),
  };
  const taskDefinitions = [
    toTaskDefinition(loadAwsFixture("ecs/describe-task-definition.json")),
    workerDefinition(16),
    workerDefinition(17),
  ];
  return { services, tasks, description, taskDefinitions };
}

export const taskA = "arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/a1f0c9e8d7b64c5a9e3f2d1c0b9a8f7e";
export const taskB = "arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/5e4d3c2b1a0948f7a6b5c4d3e2f1a0b9";
export const taskC = "arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/9c8b7a6f5e4d43c2b1a0f9e8d7c6b5a4";
export const containerInstanceC =
  "arn:aws:ecs:eu-west-1:123456789012:container-instance/orders-prod/8f3e7c1d2b4a4e6f9a0b1c2d3e4f5a6b";

/** The ENI address ECS reported for a fixture task: AWS data, only ever handed to in-memory fakes. */
export function fixtureTaskAddress(taskArn: string): string {
  const address = loadFixtureScenario().tasks.find((task) => task.taskArn === taskArn)?.privateIpv4Address;
  if (!address) throw new Error(`the fixture reports no ENI address for ${taskArn}`);
  return address;
}
