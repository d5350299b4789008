import type { SecretResolver } from "../contracts.js";
import type { ContainerEnvSource } from "./resolve-container-environment.js";
import { resolveContainerEnvironment } from "./resolve-container-environment.js";
import type { RunningApp, StartSampleApp } from "./sample-app-launcher.js";

/** A container definition as far as starting it goes. */
export interface StartableContainer extends ContainerEnvSource {
  readonly name?: string;
  readonly image?: string;
  readonly portMappings?: readonly { containerPort?: number }[];
  readonly logConfiguration?: {
    readonly logDriver?: string;
    readonly options?: Readonly<Record<string, string>>;
  };
}

/** Where the container's stdout goes: `append(group, stream, line)` for an awslogs container. */
export type TaskLogSink = (group: string, stream: string, line: string) => void;

/**
 * Whether a task's app came up, the ECS-style reason it failed to start, or that its loopback
 * address is taken by another process on this host (a host artefact: the caller picks another).
 */
export type TaskStartOutcome =
  | { readonly kind: "started"; readonly app: RunningApp }
  | { readonly kind: "failed"; readonly reason: string }
  | { readonly kind: "address-in-use" };

/** The port the task's app listens on: its first container port mapping, as ECS exposes it. */
export function appPort(containers: readonly StartableContainer[]): number {
  const app = appContainer(containers);
  return app?.portMappings?.[0]?.containerPort ?? 8080;
}

/** The container that serves traffic: the first one with a port mapping, else the first one. */
export function appContainer(containers: readonly StartableContainer[]): StartableContainer | undefined {
  return containers.find((container) => (container.portMappings?.length ?? 0) > 0) ?? containers[0];
}

/**
 * Starts a task the way ECS does: every container's secrets and environment are resolved once,
 * here (any failure fails the whole task), then the app container listens on `host`:port.
 */
export async function startTaskApp(options: {
  readonly containers: readonly StartableContainer[];
  readonly host: string;
  readonly resolver: SecretResolver;
  readonly startApp: StartSampleApp;
  /** The task id (the last part of its ARN), which names its awslogs stream. */
  readonly taskId?: string;
  /** @default the container's lines are dropped */
  readonly taskLog?: TaskLogSink;
}): Promise<TaskStartOutcome> {
  const container = appContainer(options.containers);
  let appEnv: Record<string, string> = {};
  for (const candidate of options.containers) {
    const outcome = resolveContainerEnvironment(candidate, options.resolver);
    if (outcome.kind === "failed") return outcome;
    if (candidate === container) appEnv = outcome.env;
  }
  const image = container?.image ?? "";
  try {
    const app = await options.startApp({
      image,
      env: appEnv,
      host: options.host,
      port: appPort(options.containers),
      ...logTo(container, options.taskId, options.taskLog),
    });
    return { kind: "started", app };
  } catch (error) {
    if (error instanceof Error && error.name === "AppListenError" && error.message.includes("EADDRINUSE")) {
      return { kind: "address-in-use" };
    }
    return { kind: "failed", reason: startFailureReason(image, error) };
  }
}

/**
 * The awslogs driver's stream for the container: `awslogs-stream-prefix/container-name/task-id` in
 * `awslogs-group`. Other drivers, or no prefix: the lines are dropped (not shipped to CloudWatch Logs).
 */
function logTo(
  container: StartableContainer | undefined,
  taskId: string | undefined,
  sink: TaskLogSink | undefined,
): { log?: (line: string) => void } {
  const options = container?.logConfiguration?.options;
  const group = options?.["awslogs-group"];
  const prefix = options?.["awslogs-stream-prefix"];
  if (!sink || !taskId || container?.logConfiguration?.logDriver !== "awslogs" || !group || !prefix)
    return {};
  const stream = `${prefix}/${container.name ?? ""}/${taskId}`;
  return { log: (line) => sink(group, stream, line) };
}

function startFailureReason(image: string, error: unknown): string {
  if (error instanceof Error && error.name === "UnknownImageError") {
    return `CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref ${image}: not found`;
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : "unknown error";
  return `CannotStartContainerError: ${detail}`;
}
