import type {
  DeploymentSnapshot,
  ServiceSnapshot,
  TaskDefinitionSnapshot,
  TaskSnapshot,
} from "../../../lambda/core/snapshots.js";

/** Snapshot builders with fixture-scenario defaults; tests override only what they are about. */
export const secretArn =
  "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key-Xy9Zab";
export const currentVersion = "c0b1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e";
export const previousVersion = "7d6c5b4a-3e2f-4a1b-9c0d-e1f2a3b4c5d6";
export const clusterArn = "arn:aws:ecs:eu-west-1:123456789012:cluster/orders-prod";
export const cutover = new Date("2025-06-01T03:14:20Z");

export function taskDefinitionArn(familyRevision: string): string {
  return `arn:aws:ecs:eu-west-1:123456789012:task-definition/${familyRevision}`;
}

export function aTask(overrides: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return {
    taskArn: "arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/a1f0c9e8d7b64c5a9e3f2d1c0b9a8f7e",
    clusterArn,
    taskDefinitionArn: taskDefinitionArn("orders-api:42"),
    group: "service:orders-api",
    startedBy: "ecs-svc/3906114290781447325",
    lastStatus: "RUNNING",
    desiredStatus: "RUNNING",
    createdAt: new Date("2025-05-20T10:16:05Z"),
    startedAt: new Date("2025-05-20T10:16:41Z"),
    privateIpv4Address: "10.0.1.23",
    containers: [{ name: "orders-api", networkBindings: [] }],
    ...overrides,
  };
}

export function aDeployment(overrides: Partial<DeploymentSnapshot> = {}): DeploymentSnapshot {
  return {
    id: "ecs-svc/3906114290781447325",
    status: "PRIMARY",
    taskDefinitionArn: taskDefinitionArn("orders-api:42"),
    createdAt: new Date("2025-05-20T10:16:02Z"),
    rolloutState: "COMPLETED",
    desiredCount: 2,
    runningCount: 2,
    failedTasks: 0,
    ...overrides,
  };
}

export function aService(overrides: Partial<ServiceSnapshot> = {}): ServiceSnapshot {
  return {
    clusterArn,
    serviceArn: "arn:aws:ecs:eu-west-1:123456789012:service/orders-prod/orders-api",
    serviceName: "orders-api",
    taskDefinitionArn: taskDefinitionArn("orders-api:42"),
    deploymentController: "ECS",
    desiredCount: 2,
    tags: {},
    deployments: [aDeployment()],
    ...overrides,
  };
}

export function aTaskDefinition(overrides: Partial<TaskDefinitionSnapshot> = {}): TaskDefinitionSnapshot {
  return {
    arn: taskDefinitionArn("orders-api:42"),
    family: "orders-api",
    revision: 42,
    networkMode: "awsvpc",
    containers: [{ name: "orders-api", portMappings: [{ containerPort: 8080, hostPort: 8080 }] }],
    secretReferences: [
      {
        container: "orders-api",
        source: "secrets",
        name: "JWT_SIGNING_KEY",
        valueFrom: `${secretArn}:signingKey::`,
      },
    ],
    ...overrides,
  };
}
