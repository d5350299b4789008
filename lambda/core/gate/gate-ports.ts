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

/**
 * The ECS calls only the gate makes. Separate from `EcsPort` so that the rotation engine's port (and
 * every fake of it) stays as it is, and the gate's IAM actions map to one adapter.
 */
export interface ServiceRevisionsPort {
  /** DescribeServiceRevisions for one ARN; throws AwsCallError when ECS does not return it. */
  describeServiceRevision(serviceRevisionArn: string): Promise<ServiceRevisionSnapshot>;
  /** DescribeServiceDeployments for one ARN; throws AwsCallError when ECS does not return it. */
  describeServiceDeployment(serviceDeploymentArn: string): Promise<ServiceDeploymentSnapshot>;
}
