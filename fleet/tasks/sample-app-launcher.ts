import type { RunningApp, SampleAppOptions } from "../apps/start-sample-app.js";
import { startSampleApp } from "../apps/start-sample-app.js";
import { startSampleAppProcess } from "../apps/start-sample-app-process.js";
import { createTaskHostPool } from "./task-host-pool.js";

export type { RunningApp, SampleAppOptions } from "../apps/start-sample-app.js";

/** Starts one task's app; rejects when the image is unknown or the app cannot listen. */
export type StartSampleApp = (options: SampleAppOptions) => Promise<RunningApp>;

/**
 * Where task servers run: in the fleet's process (default; about 15,000 fit under a 20,000
 * file-descriptor limit), one child process each, or in-process servers spread over child task host
 * processes of up to 15,000 tasks each (fleets of 50,000 tasks).
 */
export const TaskMode = {
  inProcess: "in-process",
  childProcess: "child-process",
  taskHosts: "task-hosts",
} as const;
export type TaskMode = (typeof TaskMode)[keyof typeof TaskMode];

/** A task mode's app launcher; `close` ends whatever processes it keeps (task hosts). */
export interface AppLauncher {
  readonly startApp: StartSampleApp;
  close(): Promise<void>;
}

/** The app launcher for a task mode. */
export function openAppLauncher(mode: TaskMode): AppLauncher {
  switch (mode) {
    case TaskMode.inProcess:
      return { startApp: startSampleApp, close: async () => undefined };
    case TaskMode.childProcess:
      return { startApp: startSampleAppProcess, close: async () => undefined };
    case TaskMode.taskHosts:
      return createTaskHostPool();
  }
}
