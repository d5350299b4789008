import { compact } from "./compact.js";
import type { TaskDefinitionRecord } from "./ecs-state.js";
import { toEpochSeconds } from "./epoch-seconds.js";
import { containerDefinitions } from "./task-definition-body.js";

/** A task definition revision as Register/Describe/DeregisterTaskDefinition return it, ECS defaults filled in. */
export function renderTaskDefinition(definition: TaskDefinitionRecord): Record<string, unknown> {
  const body = definition.body;
  const containers = containerDefinitions(definition).map((container) => ({
    cpu: 0,
    essential: true,
    environment: [],
    mountPoints: [],
    volumesFrom: [],
    systemControls: [],
    ...container,
    portMappings: (container.portMappings ?? []).map((mapping) => ({
      hostPort: mapping.containerPort,
      protocol: "tcp",
      ...mapping,
    })),
  }));
  return compact({
    ...body,
    taskDefinitionArn: definition.arn,
    containerDefinitions: containers,
    family: definition.family,
    networkMode: body.networkMode ?? "awsvpc",
    revision: definition.revision,
    volumes: body.volumes ?? [],
    status: definition.status,
    requiresAttributes: requiredAttributes(definition),
    placementConstraints: body.placementConstraints ?? [],
    compatibilities: ["EC2", "FARGATE"],
    registeredAt: toEpochSeconds(definition.registeredAt),
    deregisteredAt:
      definition.deregisteredAt === undefined ? undefined : toEpochSeconds(definition.deregisteredAt),
    registeredBy: `arn:aws:iam::${definition.arn.split(":")[4]}:root`,
  });
}

function requiredAttributes(definition: TaskDefinitionRecord): { name: string }[] {
  const attributes = [
    { name: "com.amazonaws.ecs.capability.docker-remote-api.1.18" },
    { name: "ecs.capability.task-eni" },
  ];
  const secrets = containerDefinitions(definition).flatMap((container) => container.secrets ?? []);
  if (secrets.some((secret) => secret.valueFrom.startsWith("arn:aws:secretsmanager:"))) {
    attributes.push({ name: "ecs.capability.secrets.asm.environment-variables" });
  }
  if (secrets.some((secret) => !secret.valueFrom.startsWith("arn:aws:secretsmanager:"))) {
    attributes.push({ name: "ecs.capability.secrets.ssm.environment-variables" });
  }
  return attributes;
}
