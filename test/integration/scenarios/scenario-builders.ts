import { appContainer, fargateTaskDefinition } from "../../../fleet/scenario/fargate-task-definition.js";
import type { Scenario } from "../../../fleet/scenario/scenario.js";

export const region = "eu-west-1";
export const account = "123456789012";

/** The partial ARN (no random suffix) task definitions use, as CDK writes for secrets imported by name. */
export function partialSecretArn(name: string): string {
  return `arn:aws:secretsmanager:${region}:${account}:secret:${name}`;
}

export interface ServiceSpec {
  readonly name: string;
  readonly image: string;
  readonly desiredCount?: number;
  readonly cluster?: string;
  /** `secret` env var source: the valueFrom suffix (`:json-key:stage:id`) after the ARN. @default "" */
  readonly valueFromSuffix?: string;
  readonly secretName?: string;
  /** The env var the app reads. @default JWT_SECRET */
  readonly envName?: string;
  /** The port the app listens on (its container port mapping). @default 8080 */
  readonly containerPort?: number;
  /** Probe path tag; `null` for none. @default "/api/orders" */
  readonly probePath?: string | null;
  readonly tags?: Readonly<Record<string, string>>;
  readonly deploymentConfiguration?: Record<string, unknown>;
}

/** A task definition + service per spec, all consuming `secretName` as their JWT key. */
export function jwtScenario(
  secrets: readonly { name: string; value: string }[],
  services: readonly ServiceSpec[],
): Scenario {
  const clusters = [...new Set(services.map((service) => service.cluster ?? "prod"))];
  return {
    secrets: secrets.map((secret) => ({ Name: secret.name, SecretString: secret.value })),
    clusters: clusters.map((clusterName) => ({ clusterName })),
    taskDefinitions: services.map((service) =>
      fargateTaskDefinition(service.name, [
        appContainer(
          service.image,
          `${partialSecretArn(service.secretName ?? secrets[0]?.name ?? "")}${service.valueFromSuffix ?? ""}`,
          {
            ...(service.containerPort === undefined ? {} : { containerPort: service.containerPort }),
            ...(service.envName === undefined ? {} : { envName: service.envName }),
          },
        ),
      ]),
    ),
    services: services.map((service) => ({
      cluster: service.cluster ?? "prod",
      serviceName: service.name,
      taskDefinition: service.name,
      desiredCount: service.desiredCount ?? 2,
      launchType: "FARGATE",
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ["subnet-0local"], securityGroups: ["sg-0local"] },
      },
      ...(service.deploymentConfiguration
        ? { deploymentConfiguration: service.deploymentConfiguration }
        : {}),
      tags: Object.entries({
        ...(service.probePath === null
          ? {}
          : { "rollout-verifier:probe-path": service.probePath ?? "/api/orders" }),
        ...service.tags,
      }).map(([key, value]) => ({ key, value })),
    })),
  };
}

/**
 * The scenario with every task definition's containers logging through the awslogs driver to
 * `group`, streams `streamPrefix/container/task-id`, as an operator's Fargate task definitions do.
 */
export function withAwsLogs(scenario: Scenario, group: string, streamPrefix: string): Scenario {
  return {
    ...scenario,
    taskDefinitions: (scenario.taskDefinitions ?? []).map((definition) => ({
      ...definition,
      containerDefinitions: (definition.containerDefinitions as Record<string, unknown>[]).map(
        (container) => ({
          ...container,
          logConfiguration: {
            logDriver: "awslogs",
            options: {
              "awslogs-group": group,
              "awslogs-stream-prefix": streamPrefix,
              "awslogs-region": "eu-west-1",
            },
          },
        }),
      ),
    })),
  };
}
