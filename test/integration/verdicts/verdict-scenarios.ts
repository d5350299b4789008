import { fargateTaskDefinition } from "../../../fleet/scenario/fargate-task-definition.js";
import type { Scenario } from "../../../fleet/scenario/scenario.js";
import { partialSecretArn } from "../scenarios/scenario-builders.js";

/** One container of a task definition, as RegisterTaskDefinition takes it. */
export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly port?: number;
  readonly secrets?: readonly { name: string; valueFrom: string }[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly logSecret?: string;
  readonly repositoryCredentials?: string;
}

/** A Fargate service of one task definition with `containers`, probed at /api/orders. */
export interface ServiceShape {
  readonly name: string;
  readonly containers: readonly ContainerSpec[];
  readonly tags?: Readonly<Record<string, string>>;
  readonly desiredCount?: number;
  /** False: no probe-path tag, so timestamps alone judge its tasks. @default true */
  readonly probed?: boolean;
}

/** `valueFrom` of the secret `name` (partial ARN) with an optional `:json-key:stage:id` suffix. */
export function ref(name: string, suffix = ""): string {
  return `${partialSecretArn(name)}${suffix}`;
}

/** Task definitions and services as an operator registers them, on cluster `prod`. */
export function servicesScenario(services: readonly ServiceShape[]): Scenario {
  return {
    taskDefinitions: services.map((service) =>
      fargateTaskDefinition(service.name, service.containers.map(containerDefinition)),
    ),
    services: services.map((service) => ({
      cluster: "prod",
      serviceName: service.name,
      taskDefinition: service.name,
      desiredCount: service.desiredCount ?? 2,
      launchType: "FARGATE",
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ["subnet-0local"], securityGroups: ["sg-0local"] },
      },
      tags: Object.entries({
        ...(service.probed === false ? {} : { "rollout-verifier:probe-path": "/api/orders" }),
        ...service.tags,
      }).map(([key, value]) => ({ key, value })),
    })),
  };
}

function containerDefinition(container: ContainerSpec): Record<string, unknown> {
  return {
    name: container.name,
    image: container.image,
    essential: true,
    portMappings: container.port === undefined ? [] : [{ containerPort: container.port }],
    secrets: container.secrets ?? [],
    environment: Object.entries(container.environment ?? {}).map(([name, value]) => ({ name, value })),
    ...(container.logSecret
      ? {
          logConfiguration: {
            logDriver: "awsfirelens",
            options: { Name: "datadog" },
            secretOptions: [{ name: "apikey", valueFrom: container.logSecret }],
          },
        }
      : {}),
    ...(container.repositoryCredentials
      ? { repositoryCredentials: { credentialsParameter: container.repositoryCredentials } }
      : {}),
  };
}
