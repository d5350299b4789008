/**
 * What the adapters read from AWS, reduced to the facts the engine decides on.
 * Adapters map SDK shapes into these; `lambda/core` never sees an SDK type.
 */

/** The watched secret as Secrets Manager describes it (no value). */
export interface SecretDescription {
  readonly arn: string;
  readonly name: string;
  /** Labelled versions only, as DescribeSecret returns them. */
  readonly versionIdsToStages: Readonly<Record<string, readonly string[]>>;
  readonly lastChangedDate?: Date;
  readonly lastRotatedDate?: Date;
}

/** One version's value. The string is key material: never log it, fingerprint it. */
export interface SecretValue {
  readonly arn: string;
  readonly versionId: string;
  readonly secretString: string;
  /** When the version was created (by createSecret: before, never at, the cut-over). */
  readonly createdDate?: Date;
}

/** Where a container gets a secret from, before parsing `valueFrom`. */
export interface SecretReference {
  readonly container: string;
  /** `secrets` (environment variable), `logConfiguration` (secretOptions) or `repositoryCredentials`. */
  readonly source: "secrets" | "logConfiguration" | "repositoryCredentials";
  /** Environment variable or option name; absent for repositoryCredentials. */
  readonly name?: string;
  readonly valueFrom: string;
}

export interface PortMapping {
  readonly containerPort: number;
  readonly hostPort?: number;
}

/** A container's `awslogs` log configuration: where its stdout goes in CloudWatch Logs. */
export interface AwsLogsOptions {
  /** `awslogs-group` */
  readonly group: string;
  /** `awslogs-stream-prefix`: without it, a Fargate task's stream cannot be named from the task. */
  readonly streamPrefix?: string;
  /** `awslogs-region`, when set. */
  readonly region?: string;
}

export interface ContainerDefinitionSnapshot {
  readonly name: string;
  readonly portMappings: readonly PortMapping[];
  /** Set when the container logs with the `awslogs` driver and names its group. */
  readonly awsLogs?: AwsLogsOptions;
}

export interface TaskDefinitionSnapshot {
  readonly arn: string;
  readonly family: string;
  readonly revision: number;
  /** `awsvpc`, `bridge`, `host` or `none`; absent means the launch type's default. */
  readonly networkMode?: string;
  readonly containers: readonly ContainerDefinitionSnapshot[];
  readonly secretReferences: readonly SecretReference[];
}

export type RolloutState = "IN_PROGRESS" | "COMPLETED" | "FAILED";

export interface DeploymentSnapshot {
  readonly id: string;
  /** PRIMARY (newest), ACTIVE (older, still running tasks) or INACTIVE. */
  readonly status: string;
  readonly taskDefinitionArn: string;
  readonly createdAt: Date;
  readonly updatedAt?: Date;
  readonly rolloutState?: RolloutState;
  readonly rolloutStateReason?: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly failedTasks: number;
}

export type DeploymentController = "ECS" | "CODE_DEPLOY" | "EXTERNAL";

export interface ServiceSnapshot {
  readonly clusterArn: string;
  readonly serviceArn: string;
  readonly serviceName: string;
  /** Absent for an EXTERNAL-controller service, whose task definitions live in its task sets. */
  readonly taskDefinitionArn?: string;
  readonly deploymentController: DeploymentController;
  readonly desiredCount: number;
  readonly tags: Readonly<Record<string, string>>;
  /** Deployments (ECS controller), or the task sets of CODE_DEPLOY/EXTERNAL services in the same shape. */
  readonly deployments: readonly DeploymentSnapshot[];
}

export interface NetworkBinding {
  readonly containerPort: number;
  readonly hostPort: number;
  readonly bindIP?: string;
}

export interface TaskContainerSnapshot {
  readonly name: string;
  readonly networkBindings: readonly NetworkBinding[];
}

export interface TaskSnapshot {
  readonly taskArn: string;
  readonly clusterArn: string;
  readonly taskDefinitionArn: string;
  /** `service:<name>` or `family:<family>`. */
  readonly group: string;
  /** For service tasks, the deployment id `ecs-svc/...`. */
  readonly startedBy?: string;
  readonly lastStatus: string;
  readonly desiredStatus: string;
  readonly createdAt?: Date;
  readonly pullStartedAt?: Date;
  readonly startedAt?: Date;
  /** awsvpc: the ENI's `privateIPv4Address`. */
  readonly privateIpv4Address?: string;
  /** bridge/host: the container instance the task runs on. */
  readonly containerInstanceArn?: string;
  readonly containers: readonly TaskContainerSnapshot[];
}

/** One service revision as DescribeServiceRevisions gives it: what a deployment rolls out. */
export interface ServiceRevisionSnapshot {
  readonly serviceRevisionArn: string;
  readonly serviceArn: string;
  readonly clusterArn: string;
  readonly taskDefinitionArn: string;
}

/**
 * One service deployment as DescribeServiceDeployments gives it: when it was created and when it
 * started (absent while it is PENDING). The gate's green tasks are those created since it started.
 */
export interface ServiceDeploymentSnapshot {
  readonly serviceDeploymentArn: string;
  readonly createdAt: Date | null;
  readonly startedAt: Date | null;
}
