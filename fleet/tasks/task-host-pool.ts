import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { AppProcessExitedError, NonLoopbackHostError, UnknownImageError } from "../apps/app-errors.js";
import { isLoopbackHost, type RunningApp } from "../apps/listen-on-loopback.js";
import { isSampleAppImage, SAMPLE_APP_IMAGES } from "../apps/sample-app-catalogue.js";
import type { SampleAppOptions } from "../apps/start-sample-app.js";
import { rebuildAppError } from "../apps/start-sample-app-process.js";
import { isTaskHostReply, type TaskHostReply, type TaskHostRequest } from "./task-host-messages.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ENTRY = join(HERE, "task-host-entry.ts");
const PACKAGE_ROOT = resolve(HERE, "../..");
/** Grace between asking a host to go and SIGKILL: it closes every server it holds first. */
const STOP_GRACE_MS = 10_000;

/**
 * Tasks one host process takes before the pool starts another: each task is a listening socket (one
 * file descriptor) plus the connections a probe opens, so this stays well below a per-process
 * descriptor limit of 20,000.
 */
export const defaultTasksPerHost = 15_000;

/** Task servers spread over child "task host" processes; `close` ends every host. */
export interface TaskHostPool {
  readonly startApp: (options: SampleAppOptions) => Promise<RunningApp>;
  /** Host processes started so far. */
  hostCount(): number;
  close(): Promise<void>;
}

interface TaskHost {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  /** Tasks assigned (starting or running), counted against `tasksPerHost`. */
  tasks: number;
  exited: boolean;
  readonly waiting: Map<number, (reply: TaskHostReply | undefined) => void>;
  /** Where each task's stdout lines go, by task id (awslogs containers only). */
  readonly logs: Map<number, (line: string) => void>;
}

/**
 * A launcher for fleets larger than one process can listen for: tasks go to the first host with
 * room, and a new host process (`task-host-entry.ts`) is spawned when all are full. Each task's
 * app is the same in-process server as in `in-process` mode, on the task's own loopback address
 * (the fleet's ECS allocates it; a host only binds it). Same contract and errors as
 * `startSampleApp`; a host that dies fails its starting tasks with `AppProcessExitedError`.
 */
export function createTaskHostPool(options: { readonly tasksPerHost?: number } = {}): TaskHostPool {
  const tasksPerHost = options.tasksPerHost ?? defaultTasksPerHost;
  const hosts: TaskHost[] = [];
  let nextId = 1;
  let closing: Promise<void> | undefined;

  const hostWithRoom = (): TaskHost => {
    const open = hosts.find((host) => !host.exited && host.tasks < tasksPerHost);
    if (open) return open;
    const host = spawnHost();
    hosts.push(host);
    return host;
  };

  const request = async (host: TaskHost, message: TaskHostRequest): Promise<TaskHostReply | undefined> => {
    await host.ready;
    if (host.exited) return undefined;
    return new Promise((settle) => {
      host.waiting.set(message.id, settle);
      host.child.send(message);
    });
  };

  async function startApp(app: SampleAppOptions): Promise<RunningApp> {
    if (!isSampleAppImage(app.image)) throw new UnknownImageError(app.image, SAMPLE_APP_IMAGES);
    if (!isLoopbackHost(app.host)) throw new NonLoopbackHostError(app.host);
    if (closing) throw new AppProcessExitedError(app.image, "was not started: the task hosts are stopping");
    const host = hostWithRoom();
    host.tasks += 1;
    const id = nextId;
    nextId += 1;
    if (app.log) host.logs.set(id, app.log);
    const answer = await request(host, {
      type: "start",
      id,
      image: app.image,
      env: { ...app.env },
      host: app.host,
      port: app.port,
      ...(app.log ? { log: true as const } : {}),
    });
    if (answer?.type !== "started") {
      host.tasks -= 1;
      host.logs.delete(id);
      if (answer?.type === "failed") throw rebuildAppError(answer, app);
      throw new AppProcessExitedError(app.image, "lost its task host");
    }
    let stopped: Promise<void> | undefined;
    return {
      url: answer.url,
      close: () => {
        stopped ??= request(host, { type: "close", id }).then(() => {
          host.tasks -= 1;
          host.logs.delete(id);
        });
        return stopped;
      },
    };
  }

  return {
    startApp,
    hostCount: () => hosts.length,
    close() {
      closing ??= Promise.all(hosts.map(stopHost)).then(() => undefined);
      return closing;
    },
  };
}

function spawnHost(): TaskHost {
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY], {
    cwd: PACKAGE_ROOT,
    env: { PATH: process.env.PATH ?? "" },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const waiting = new Map<number, (reply: TaskHostReply | undefined) => void>();
  let host: TaskHost;
  const ready = new Promise<void>((resolveReady) => {
    child.on("message", (message: unknown) => {
      if (typeof message === "object" && message !== null && "type" in message && message.type === "ready")
        resolveReady();
      if (!isTaskHostReply(message)) return;
      if (message.type === "log") {
        host.logs.get(message.id)?.(message.line);
        return;
      }
      const settle = waiting.get(message.id);
      waiting.delete(message.id);
      settle?.(message);
    });
    const onGone = (): void => {
      host.exited = true;
      resolveReady();
      for (const settle of waiting.values()) settle(undefined);
      waiting.clear();
    };
    child.once("exit", onGone);
    child.once("error", onGone);
  });
  host = { child, ready, tasks: 0, exited: false, waiting, logs: new Map() };
  return host;
}

function stopHost(host: TaskHost): Promise<void> {
  if (host.exited || host.child.exitCode !== null || host.child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((done) => {
    const kill = setTimeout(() => host.child.kill("SIGKILL"), STOP_GRACE_MS);
    host.child.once("exit", () => {
      clearTimeout(kill);
      done();
    });
    host.child.kill("SIGTERM");
  });
}
