import { compact } from "./compact.js";
import type { DeploymentRecord, EcsTag, ServiceRecord } from "./ecs-state.js";
import { toEpochSeconds } from "./epoch-seconds.js";
import { renderDeploymentConfiguration } from "./render-deployment-configuration.js";

/** A service as DescribeServices / CreateService / UpdateService return it. */
export function renderService(service: ServiceRecord, tags?: readonly EcsTag[]): Record<string, unknown> {
  const live = [...service.liveTasks].filter((task) => task.desiredStatus === "RUNNING");
  const extras = service.extras;
  return compact({
    serviceArn: service.arn,
    serviceName: service.name,
    clusterArn: service.cluster.arn,
    loadBalancers: extras.loadBalancers ?? [],
    serviceRegistries: extras.serviceRegistries ?? [],
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: live.filter((task) => task.lastStatus === "RUNNING").length,
    pendingCount: live.filter((task) => task.lastStatus !== "RUNNING").length,
    launchType: extras.launchType ?? "FARGATE",
    platformVersion: "LATEST",
    platformFamily: "Linux",
    taskDefinition: service.taskDefinitionArn,
    deploymentConfiguration: renderDeploymentConfiguration(service.settings),
    deployments: service.deployments.map((deployment) => renderDeployment(service, deployment)),
    roleArn: `arn:aws:iam::${service.cluster.arn.split(":")[4]}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
    events: service.events.map((event) => ({ ...event, createdAt: toEpochSeconds(event.createdAt) })),
    createdAt: toEpochSeconds(service.createdAt),
    currentServiceDeployment: service.deployments[0]?.serviceDeploymentArn,
    currentServiceRevisions: renderCurrentRevisions(service),
    placementConstraints: extras.placementConstraints ?? [],
    placementStrategy: extras.placementStrategy ?? [],
    networkConfiguration: extras.networkConfiguration,
    healthCheckGracePeriodSeconds: extras.healthCheckGracePeriodSeconds,
    schedulingStrategy: "REPLICA",
    deploymentController: extras.deploymentController ?? { type: "ECS" },
    tags: tags === undefined ? undefined : tags.map((tag) => ({ ...tag })),
    createdBy: `arn:aws:iam::${service.cluster.arn.split(":")[4]}:root`,
    enableECSManagedTags: service.enableECSManagedTags,
    propagateTags: extras.propagateTags ?? "NONE",
    enableExecuteCommand: false,
    availabilityZoneRebalancing: "DISABLED",
  });
}

function renderDeployment(service: ServiceRecord, deployment: DeploymentRecord): Record<string, unknown> {
  const live = [...service.liveTasks].filter(
    (task) => task.deploymentId === deployment.id && task.desiredStatus === "RUNNING",
  );
  const running = live.filter((task) => task.lastStatus === "RUNNING").length;
  return compact({
    id: deployment.id,
    status: deployment.status,
    taskDefinition: deployment.taskDefinitionArn,
    desiredCount: deployment.status === "PRIMARY" ? service.desiredCount : live.length,
    pendingCount: live.length - running,
    runningCount: running,
    failedTasks: deployment.failedTasks,
    createdAt: toEpochSeconds(deployment.createdAt),
    updatedAt: toEpochSeconds(deployment.updatedAt),
    launchType: service.extras.launchType ?? "FARGATE",
    platformVersion: "1.4.0",
    platformFamily: "Linux",
    networkConfiguration: service.extras.networkConfiguration,
    rolloutState: deployment.rolloutState,
    rolloutStateReason: deployment.rolloutStateReason,
  });
}

/** The revisions that have tasks now (or are requested), with their counts. */
function renderCurrentRevisions(service: ServiceRecord): Record<string, unknown>[] {
  return service.deployments.map((deployment) => {
    const live = [...service.liveTasks].filter(
      (task) => task.deploymentId === deployment.id && task.desiredStatus === "RUNNING",
    );
    const running = live.filter((task) => task.lastStatus === "RUNNING").length;
    return {
      arn: deployment.revisionArn,
      requestedTaskCount: deployment.status === "PRIMARY" ? service.desiredCount : live.length,
      runningTaskCount: running,
      pendingTaskCount: live.length - running,
    };
  });
}
