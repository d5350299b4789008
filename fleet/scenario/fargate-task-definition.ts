/** The task execution role the fleet's task definitions name (the fleet accepts any role ARN). */
export const sampleExecutionRoleArn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";

/**
 * A Fargate task definition as an operator registers one (awsvpc, 256 CPU units, 512 MiB, a task
 * execution role), around the given containers: the one builder for scenarios, the demo, the bench
 * and the tests. It is a `RegisterTaskDefinition` input, so it fits the SDK command and a scenario's
 * `taskDefinitions` alike.
 */
export function fargateTaskDefinition<Container>(family: string, containerDefinitions: Container[]) {
  return {
    family,
    networkMode: "awsvpc" as const,
    requiresCompatibilities: ["FARGATE" as const],
    cpu: "256",
    memory: "512",
    executionRoleArn: sampleExecutionRoleArn,
    containerDefinitions,
  };
}

/** How the sample app's container reads its key and listens. */
export interface AppContainerOptions {
  /** @default 8080 */
  readonly containerPort?: number;
  /** @default "JWT_SECRET" */
  readonly envName?: string;
  /** Plain environment variables. @default none */
  readonly environment?: Readonly<Record<string, string>>;
}

/** The sample app's one container, `app`: essential, one port, its key injected from `valueFrom`. */
export function appContainer(image: string, valueFrom: string, options: AppContainerOptions = {}) {
  return {
    name: "app",
    image,
    essential: true,
    portMappings: [{ containerPort: options.containerPort ?? 8080 }],
    ...(options.environment
      ? { environment: Object.entries(options.environment).map(([name, value]) => ({ name, value })) }
      : {}),
    secrets: [{ name: options.envName ?? "JWT_SECRET", valueFrom }],
  };
}
