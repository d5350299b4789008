import { appContainer, fargateTaskDefinition } from "../fleet/scenario/fargate-task-definition.js";
import type { Scenario } from "../fleet/scenario/scenario.js";

/** The size of a benchmark fleet: every cluster gets the same services, every service the same count. */
export interface FleetShape {
  readonly clusters: number;
  readonly servicesPerCluster: number;
  readonly tasksPerService: number;
}

/** Images rotated across services, so the fleet mixes the three JWT libraries a real estate would. */
const images = ["sample/jwt-api:jose", "sample/jwt-api:jsonwebtoken-9", "sample/jwt-api:jsonwebtoken-8"];

/** Cluster names of a shape, `bench-1` first: the probe-concurrency benchmark verifies one of them. */
export function clusterNames(shape: FleetShape): string[] {
  return Array.from({ length: shape.clusters }, (_, index) => `bench-${index + 1}`);
}

/** Total task count of a shape. */
export function taskCount(shape: FleetShape): number {
  return shape.clusters * shape.servicesPerCluster * shape.tasksPerService;
}

/**
 * A fleet of awsvpc services all consuming one HS256 secret by partial ARN, each tagged with a probe
 * path so the verifier probes every task (the zero-config default probes none). `otherSecretNames`
 * are watched secrets nothing consumes: a sweep over them still has to search the whole estate.
 */
export function benchScenario(
  shape: FleetShape,
  secret: { name: string; value: string },
  otherSecretNames: readonly string[] = [],
): Scenario {
  const valueFrom = `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${secret.name}`;
  const families = Array.from({ length: shape.servicesPerCluster }, (_, index) => ({
    family: `api-${index + 1}`,
    image: images[index % images.length] as string,
  }));
  return {
    secrets: [
      { Name: secret.name, SecretString: secret.value },
      ...otherSecretNames.map((name) => ({ Name: name, SecretString: `${secret.value}-${name}` })),
    ],
    clusters: clusterNames(shape).map((clusterName) => ({ clusterName })),
    taskDefinitions: families.map(({ family, image }) =>
      fargateTaskDefinition(family, [appContainer(image, valueFrom)]),
    ),
    services: clusterNames(shape).flatMap((cluster) =>
      families.map(({ family }) => ({
        cluster,
        serviceName: family,
        taskDefinition: family,
        desiredCount: shape.tasksPerService,
        launchType: "FARGATE",
        networkConfiguration: {
          awsvpcConfiguration: { subnets: ["subnet-0bench"], securityGroups: ["sg-0bench"] },
        },
        tags: [{ key: "rollout-verifier:probe-path", value: "/api/bench" }],
      })),
    ),
  };
}
