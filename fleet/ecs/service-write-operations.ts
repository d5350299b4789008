import type { OperationHandler } from "../contracts.js";
import { checkNetworkConfiguration } from "./check-network-configuration.js";
import { startDeployment } from "./deployments.js";
import { serviceArn } from "./ecs-arns.js";
import type { EcsContext } from "./ecs-context.js";
import { clientError, invalidParameter, serviceNotActive } from "./ecs-errors.js";
import {
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalTags,
  requiredString,
} from "./ecs-input.js";
import type { DeploymentSettings, ServiceRecord } from "./ecs-state.js";
import { findCluster, findService, findTaskDefinition, lookupService } from "./find-resources.js";
import { renderService } from "./render-service.js";
import { defaultDeploymentSettings, mergeDeploymentSettings } from "./service-settings.js";

const echoedMembers = [
  "networkConfiguration",
  "loadBalancers",
  "serviceRegistries",
  "launchType",
  "placementConstraints",
  "placementStrategy",
  "healthCheckGracePeriodSeconds",
  "propagateTags",
  "deploymentController",
] as const;

/** CreateService, UpdateService (forceNewDeployment, taskDefinition, desiredCount, deploymentConfiguration), DeleteService. */
export function serviceWriteOperations(ctx: EcsContext): Record<string, OperationHandler> {
  const { state } = ctx;
  return {
    CreateService(input) {
      const cluster = findCluster(state, optionalString(input, "cluster"));
      const name = requiredString(input, "serviceName");
      if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) throw invalidParameter("Invalid service name.");
      const existing = lookupService(state, cluster, name);
      if (existing && existing.status !== "INACTIVE")
        throw invalidParameter("Creation of service was not idempotent.");
      const definition = activeDefinition(ctx, requiredString(input, "taskDefinition"));
      checkNetworkConfiguration(definition, input.networkConfiguration);
      const desiredCount = optionalInteger(input, "desiredCount") ?? 0;
      if (desiredCount < 0) throw invalidParameter("desiredCount must be at least 0.");
      const service: ServiceRecord = {
        arn: serviceArn(state.identity, cluster.name, name),
        name,
        cluster,
        status: "ACTIVE",
        desiredCount,
        taskDefinitionArn: definition.arn,
        settings: strategyAllowed(
          mergeDeploymentSettings(defaultDeploymentSettings, input.deploymentConfiguration),
          input.deploymentController,
        ),
        deployments: [],
        history: [],
        events: [],
        createdAt: ctx.now(),
        extras: Object.fromEntries(
          echoedMembers.filter((key) => input[key] !== undefined).map((k) => [k, input[k]]),
        ),
        enableECSManagedTags: optionalBoolean(input, "enableECSManagedTags") ?? false,
        liveTasks: new Set(),
      };
      state.services.set(service.arn, service);
      const tags = optionalTags(input);
      if (tags) state.tags.set(service.arn, tags);
      startDeployment(ctx, service, definition.arn);
      return { service: renderService(service) };
    },
    UpdateService(input) {
      const cluster = findCluster(state, optionalString(input, "cluster"));
      const service = findService(state, cluster, requiredString(input, "service"));
      if (service.status !== "ACTIVE") throw serviceNotActive();
      const requested = optionalString(input, "taskDefinition");
      const definition = requested === undefined ? undefined : activeDefinition(ctx, requested);
      const network = optionalObject(input, "networkConfiguration");
      if (definition) checkNetworkConfiguration(definition, network ?? service.extras.networkConfiguration);
      const force = optionalBoolean(input, "forceNewDeployment") ?? false;
      const redeploy = force || (definition !== undefined && definition.arn !== service.taskDefinitionArn);
      const controller =
        (service.extras.deploymentController as { type?: string } | undefined)?.type ?? "ECS";
      if (redeploy && controller !== "ECS") {
        throw invalidParameter(
          `Unable to update task definition on services with a ${controller} deployment controller.`,
        );
      }
      const desiredCount = optionalInteger(input, "desiredCount");
      if (desiredCount !== undefined && desiredCount < 0)
        throw invalidParameter("desiredCount must be at least 0.");
      if (desiredCount !== undefined) service.desiredCount = desiredCount;
      service.settings = strategyAllowed(
        mergeDeploymentSettings(service.settings, input.deploymentConfiguration),
        service.extras.deploymentController,
      );
      if (network) service.extras.networkConfiguration = network;
      if (redeploy) startDeployment(ctx, service, definition?.arn ?? service.taskDefinitionArn);
      else ctx.requestReconcile(service);
      return { service: renderService(service) };
    },
    DeleteService(input) {
      const cluster = findCluster(state, optionalString(input, "cluster"));
      const service = findService(state, cluster, requiredString(input, "service"));
      const force = optionalBoolean(input, "force") ?? false;
      if (service.desiredCount > 0 && !force) {
        throw invalidParameter("The service cannot be stopped while it is scaled above 0.");
      }
      service.desiredCount = 0;
      service.status = "DRAINING";
      ctx.requestReconcile(service);
      return { service: renderService(service) };
    },
  };
}

function activeDefinition(ctx: EcsContext, ref: string) {
  const definition = findTaskDefinition(ctx.state, ref);
  if (definition.status !== "ACTIVE") throw clientError(`TaskDefinition is inactive: ${definition.arn}`);
  return definition;
}

/** BLUE_GREEN, LINEAR and CANARY belong to the ECS deployment controller (CODE_DEPLOY has its own). */
function strategyAllowed(settings: DeploymentSettings, controller: unknown): DeploymentSettings {
  const type = (controller as { type?: unknown } | undefined)?.type ?? "ECS";
  if (settings.strategy.strategy !== "ROLLING" && type !== "ECS") {
    throw invalidParameter(
      `The ${settings.strategy.strategy} deployment strategy requires the ECS deployment controller.`,
    );
  }
  return settings;
}
