import type { StrategySettings } from "./deployment-strategy.js";
import type { LifecycleHookSettings } from "./parse-lifecycle-hooks.js";

/** Rolling-update settings with ECS defaults applied (100/200, breaker off) and the strategy. */
export interface DeploymentSettings {
  minimumHealthyPercent: number;
  maximumPercent: number;
  circuitBreaker: { enable: boolean; rollback: boolean };
  strategy: StrategySettings;
}

/** `ServiceDeployment.status` values of the model. */
export type ServiceDeploymentStatus =
  | "PENDING"
  | "SUCCESSFUL"
  | "STOPPED"
  | "STOP_REQUESTED"
  | "IN_PROGRESS"
  | "ROLLBACK_REQUESTED"
  | "ROLLBACK_IN_PROGRESS"
  | "ROLLBACK_SUCCESSFUL"
  | "ROLLBACK_FAILED";

/** `ServiceDeployment.lifecycleStage` values of the model (hook stages plus SCALE_UP, BAKE_TIME, CLEAN_UP). */
export type ServiceDeploymentLifecycleStage =
  | LifecycleHookSettings["lifecycleStages"][number]
  | "SCALE_UP"
  | "BAKE_TIME"
  | "CLEAN_UP";

/** One execution of one lifecycle hook at one stage (`lifecycleHookDetails[]`). */
export interface HookExecutionRecord {
  readonly hookId: string;
  readonly targetType: LifecycleHookSettings["targetType"];
  readonly targetArn?: string;
  readonly stage: ServiceDeploymentLifecycleStage;
  status: "AWAITING_ACTION" | "IN_PROGRESS" | "SUCCEEDED" | "FAILED" | "TIMED_OUT";
  readonly expiresAt: number;
  readonly timeoutAction: "ROLLBACK" | "CONTINUE";
  /** ContinueServiceDeployment's answer to a PAUSE hook. */
  decision?: "CONTINUE" | "ROLLBACK";
}

/**
 * A service deployment: both the `Deployment` of DescribeServices (running/pending counts derived
 * from the service's tasks) and the `ServiceDeployment` of DescribeServiceDeployments.
 */
export interface DeploymentRecord {
  readonly id: string;
  status: "PRIMARY" | "ACTIVE" | "INACTIVE";
  readonly taskDefinitionArn: string;
  readonly createdAt: number;
  updatedAt: number;
  rolloutState: "IN_PROGRESS" | "COMPLETED" | "FAILED";
  rolloutStateReason: string;
  failedTasks: number;
  readonly serviceDeploymentArn: string;
  readonly revisionArn: string;
  readonly sourceRevisionArns: readonly string[];
  /** The service's deployment settings when this deployment started. */
  readonly settings: DeploymentSettings;
  serviceDeploymentStatus: ServiceDeploymentStatus;
  statusReason?: string;
  lifecycleStage?: ServiceDeploymentLifecycleStage;
  finishedAt?: number;
  stoppedAt?: number;
  rollback?: { reason: string; startedAt: number; serviceRevisionArn: string };
  /** The deployment this one rolls back (a circuit breaker rollback of a rolling deployment). */
  readonly rollbackOf?: DeploymentRecord;
  readonly hookExecutions: HookExecutionRecord[];
  /** The target revision's share of test and production traffic, in percent. */
  readonly trafficWeights: { test: number; production: number };
  /**
   * Set for BLUE_GREEN, LINEAR and CANARY: green tasks launch only once `scaleUp` is set, and the
   * previous deployments' tasks stop only once `cleanUp` is set (the stage driver sets both).
   */
  readonly phases?: { scaleUp: boolean; cleanUp: boolean };
}

/** A service revision: what one deployment runs (task definition and environment), immutable. */
export interface ServiceRevisionRecord {
  readonly arn: string;
  readonly serviceArn: string;
  readonly clusterArn: string;
  readonly taskDefinitionArn: string;
  readonly launchType: string;
  readonly networkConfiguration?: unknown;
  readonly loadBalancers: unknown;
  readonly serviceRegistries: unknown;
  readonly containerImages: readonly { containerName: string; image: string; imageDigest: string }[];
  readonly createdAt: number;
}
