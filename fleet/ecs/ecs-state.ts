import type { FleetIdentity } from "../contracts.js";
import type { RunningApp } from "../tasks/sample-app-launcher.js";
import type { DeploymentRecord, DeploymentSettings, ServiceRevisionRecord } from "./deployment-state.js";

export type { DeploymentRecord, DeploymentSettings } from "./deployment-state.js";

/** ECS tag shape (lowercase keys, unlike Secrets Manager). */
export interface EcsTag {
  key: string;
  value: string;
}

/** A cluster; counts are derived from tasks and services when rendered. */
export interface ClusterRecord {
  readonly arn: string;
  readonly name: string;
  readonly createdAt: number;
}

/** One task definition revision: `body` is the RegisterTaskDefinition input minus tags. */
export interface TaskDefinitionRecord {
  readonly arn: string;
  readonly family: string;
  readonly revision: number;
  status: "ACTIVE" | "INACTIVE";
  readonly registeredAt: number;
  deregisteredAt?: number;
  readonly body: Readonly<Record<string, unknown>>;
}

/** A service: `deployments[0]` is PRIMARY; `history` keeps every deployment (rollback targets). */
export interface ServiceRecord {
  readonly arn: string;
  readonly name: string;
  readonly cluster: ClusterRecord;
  status: "ACTIVE" | "DRAINING" | "INACTIVE";
  desiredCount: number;
  taskDefinitionArn: string;
  settings: DeploymentSettings;
  deployments: DeploymentRecord[];
  readonly history: DeploymentRecord[];
  readonly events: { id: string; createdAt: number; message: string }[];
  readonly createdAt: number;
  /** Members echoed as given: networkConfiguration, loadBalancers, propagateTags, ... */
  readonly extras: Record<string, unknown>;
  readonly enableECSManagedTags: boolean;
  /** Tasks of this service that are not yet STOPPED. */
  readonly liveTasks: Set<TaskRecord>;
}

/** A container inside a task, as DescribeTasks shows it. */
export interface ContainerRecord {
  readonly name: string;
  readonly image: string;
  readonly containerArn: string;
  readonly runtimeId: string;
  /** A stable fake digest of the image name (no registry is contacted). */
  readonly imageDigest: string;
  /** Container cpu units and soft memory limit as registered, rendered as strings like ECS does. */
  readonly cpu: string;
  readonly memoryReservation?: string;
  lastStatus: string;
  exitCode?: number;
}

/** The awsvpc ENI of a task: its own loopback address. */
export interface EniRecord {
  readonly attachmentId: string;
  readonly subnetId: string;
  readonly networkInterfaceId: string;
  readonly macAddress: string;
  /** Chosen at launch; replaced while PENDING only if another process already holds it on this host. */
  privateIPv4Address: string;
  status: "PRECREATED" | "ATTACHED" | "DETACHED";
}

/** A task and its lifecycle timestamps (epoch ms internally, rendered as epoch seconds). */
export interface TaskRecord {
  readonly arn: string;
  readonly id: string;
  readonly cluster: ClusterRecord;
  readonly taskDefinition: TaskDefinitionRecord;
  readonly group: string;
  readonly startedBy?: string;
  readonly service?: ServiceRecord;
  readonly deploymentId?: string;
  lastStatus: "PROVISIONING" | "PENDING" | "ACTIVATING" | "RUNNING" | "DEACTIVATING" | "STOPPING" | "STOPPED";
  desiredStatus: "RUNNING" | "STOPPED";
  readonly createdAt: number;
  connectivityAt?: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  stopCode?: "TaskFailedToStart" | "UserInitiated" | "ServiceSchedulerInitiated" | "EssentialContainerExited";
  stoppedReason?: string;
  healthStatus: "HEALTHY" | "UNHEALTHY" | "UNKNOWN";
  version: number;
  readonly launchType: string;
  readonly containers: ContainerRecord[];
  readonly eni: EniRecord;
  readonly port: number;
  /** RunTask `containerOverrides[].environment` by container name (appended, so they win). */
  readonly environmentOverrides?: Readonly<Record<string, readonly { name: string; value: string }[]>>;
  /** The running sample app; never rendered. */
  app?: RunningApp;
}

/** Everything the fleet's ECS knows; mutated only by the ECS operations, scheduler and lifecycle. */
export interface EcsState {
  readonly identity: FleetIdentity;
  readonly clusters: Map<string, ClusterRecord>;
  readonly taskDefinitions: Map<string, TaskDefinitionRecord[]>;
  readonly services: Map<string, ServiceRecord>;
  readonly tasks: Map<string, TaskRecord>;
  readonly tags: Map<string, EcsTag[]>;
  /** Every service revision by ARN (one per deployment; a rollback reuses the revision it returns to). */
  readonly serviceRevisions: Map<string, ServiceRevisionRecord>;
}

/** An empty ECS account/region. */
export function createEcsState(identity: FleetIdentity): EcsState {
  return {
    identity,
    clusters: new Map(),
    taskDefinitions: new Map(),
    services: new Map(),
    tasks: new Map(),
    tags: new Map(),
    serviceRevisions: new Map(),
  };
}
