import { AppListenError } from "../../../../fleet/apps/app-errors.js";
import {
  AwsServiceError,
  type FleetEvent,
  type InvokeFunction,
  type SecretResolver,
} from "../../../../fleet/contracts.js";
import { createEcsRuntime, type EcsRuntime } from "../../../../fleet/ecs/create-ecs-runtime.js";
import type { SampleAppOptions, StartSampleApp } from "../../../../fleet/tasks/sample-app-launcher.js";

/** A fake Secrets Manager: `valueFrom` is looked up by exact string; counts reads per valueFrom. */
export class FakeSecrets implements SecretResolver {
  readonly values = new Map<string, string>();
  readonly reads: string[] = [];

  resolveValueFrom(valueFrom: string): string {
    this.reads.push(valueFrom);
    const value = this.values.get(valueFrom);
    if (value === undefined)
      throw new AwsServiceError(
        "ResourceNotFoundException",
        "Secrets Manager can't find the specified secret.",
      );
    return value;
  }
}

/** An app launcher that listens nowhere: records the env each task started with. */
export class FakeApps {
  readonly started: SampleAppOptions[] = [];
  /** Hosts another process on the machine already listens on. */
  readonly busyHosts = new Set<string>();
  open = 0;
  readonly start: StartSampleApp = async (options) => {
    if (this.busyHosts.has(options.host)) {
      throw new AppListenError(
        options.host,
        options.port,
        Object.assign(new Error("busy"), { code: "EADDRINUSE" }),
      );
    }
    this.started.push(options);
    this.open += 1;
    return {
      url: `http://${options.host}:${options.port}`,
      close: async () => {
        this.open -= 1;
      },
    };
  };
}

/** An ECS runtime with fast timing, fakes for secrets and apps, and an event recorder. */
export function createTestEcs(
  options: {
    circuitBreakerMinThreshold?: number;
    stepDelayMs?: number;
    tasksPerStep?: number;
    invokeFunction?: InvokeFunction;
  } = {},
) {
  const secrets = new FakeSecrets();
  const apps = new FakeApps();
  const events: FleetEvent[] = [];
  const listeners = new Set<(event: FleetEvent) => void>();
  const runtime: EcsRuntime = createEcsRuntime({
    identity: { account: "123456789012", region: "eu-west-1" },
    emit: (event) => {
      events.push(event);
      for (const listener of listeners) listener(event);
    },
    resolver: secrets,
    startApp: apps.start,
    timing: {
      taskStartDelayMs: 4,
      stepDelayMs: options.stepDelayMs ?? 1,
      ...(options.tasksPerStep === undefined ? {} : { tasksPerStep: options.tasksPerStep }),
    },
    circuitBreakerMinThreshold: options.circuitBreakerMinThreshold ?? 10,
    // One ECS second is one millisecond: a 30 s callBackDelay takes 30 ms.
    hookMsPerSecond: 1,
    ...(options.invokeFunction === undefined ? {} : { invokeFunction: options.invokeFunction }),
  });
  const call = async (operation: string, input: Record<string, unknown> = {}) => {
    const handler = runtime.api.operations[operation];
    if (!handler) throw new Error(`no ${operation}`);
    // biome-ignore lint/suspicious/noExplicitAny: tests read decoded JSON responses loosely, like a CLI user would
    return (await handler(structuredClone(input))) as Record<string, any>;
  };
  return { runtime, secrets, apps, events, listeners, call };
}

/** Polls `probe` every 2 ms until it returns true (bounded by the test timeout). */
export async function until(probe: () => boolean, limitMs = 5000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** The `networkConfiguration` an awsvpc service or RunTask needs (ECS refuses one without it). */
export const testNetwork = { awsvpcConfiguration: { subnets: ["subnet-0test"] } } as const;

/** A container definition of the jose sample app reading `JWT_SECRET` from `valueFrom`. */
export function jwtTaskDefinition(family: string, valueFrom: string): Record<string, unknown> {
  return {
    family,
    networkMode: "awsvpc",
    executionRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    containerDefinitions: [
      {
        name: "api",
        image: "sample/jwt-api:jose",
        portMappings: [{ containerPort: 8080 }],
        secrets: [{ name: "JWT_SECRET", valueFrom }],
        environment: [{ name: "JWT_ALGORITHMS", value: "HS256" }],
      },
    ],
  };
}

/** Creates cluster `c1`, registers `jwt` reading `secret-a`, returns the test ECS. */
export async function createClusterWithDefinition(options: Parameters<typeof createTestEcs>[0] = {}) {
  const ecs = createTestEcs(options);
  ecs.secrets.values.set("secret-a", "value-1");
  await ecs.call("CreateCluster", { clusterName: "c1" });
  await ecs.call("RegisterTaskDefinition", jwtTaskDefinition("jwt", "secret-a"));
  return ecs;
}
