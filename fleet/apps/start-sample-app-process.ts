import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  AppConfigError,
  AppErrorCode,
  AppListenError,
  AppProcessExitedError,
  NonLoopbackHostError,
  UnknownImageError,
} from "./app-errors.js";
import { type AppProcessMessage, isAppProcessMessage } from "./app-process-messages.js";
import { isLoopbackHost, type RunningApp } from "./listen-on-loopback.js";
import { isSampleAppImage, SAMPLE_APP_IMAGES } from "./sample-app-catalogue.js";
import type { SampleAppOptions } from "./start-sample-app.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ENTRY = join(HERE, "app-process-entry.ts");
/** Grace between SIGTERM and SIGKILL on close, like `docker stop` (shorter: the apps hold no state). */
const STOP_GRACE_MS = 2_000;

/**
 * Starts one task's app in its own Node process (`process.execPath --import tsx`), for realism:
 * the environment is the child's whole environment, as in a container, and a crash stays in the
 * task. Same contract and errors as `startSampleApp`; the image and host are checked before
 * spawning. `close` sends SIGTERM, then SIGKILL after a grace period.
 * @throws AppProcessExitedError (`APP_PROCESS_EXITED`) when the child dies before it is ready.
 */
export async function startSampleAppProcess(options: SampleAppOptions): Promise<RunningApp> {
  if (!isSampleAppImage(options.image)) throw new UnknownImageError(options.image, SAMPLE_APP_IMAGES);
  if (!isLoopbackHost(options.host)) throw new NonLoopbackHostError(options.host);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", ENTRY, options.image, options.host, `${options.port}`],
    {
      cwd: findPackageRoot(HERE),
      env: { ...options.env },
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    },
  );
  const url = await waitUntilReady(child, options);
  let closing: Promise<void> | undefined;
  return {
    url,
    close: () => {
      closing ??= stopChild(child);
      return closing;
    },
  };
}

function waitUntilReady(child: ChildProcess, options: SampleAppOptions): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const settle = (outcome: () => void) => {
      child.off("message", onMessage).off("exit", onExit).off("error", onError);
      outcome();
    };
    const onMessage = (message: unknown) => {
      if (!isAppProcessMessage(message)) return;
      if (message.type === "ready") settle(() => resolve(message.url));
      else settle(() => reject(rebuildAppError(message, options)));
    };
    const onExit = (code: number | null, signal: string | null) =>
      settle(() => reject(new AppProcessExitedError(options.image, `exited (${signal ?? `code ${code}`})`)));
    const onError = (cause: Error) =>
      settle(() => reject(new AppProcessExitedError(options.image, "could not be spawned", { cause })));
    child.on("message", onMessage).on("exit", onExit).on("error", onError);
  });
}

/**
 * The child's typed error, rebuilt in the parent so callers `switch` on the same codes either way
 * (also used by the task hosts, `fleet/tasks/task-host-pool.ts`).
 */
export function rebuildAppError(
  message: Pick<Extract<AppProcessMessage, { type: "failed" }>, "code" | "message">,
  options: SampleAppOptions,
): Error {
  switch (message.code) {
    case AppErrorCode.config:
      return new AppConfigError(options.image, message.message.replace(`${options.image}: `, ""));
    case AppErrorCode.listen:
      return new AppListenError(options.host, options.port, message.message.split(": ").at(-1));
    default:
      return new AppProcessExitedError(options.image, `failed (${message.code}: ${message.message})`);
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** The nearest folder above `from` with a package.json: where `tsx` resolves from. */
function findPackageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
