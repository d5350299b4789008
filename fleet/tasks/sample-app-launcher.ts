import type { RunningApp, SampleAppOptions } from "../apps/start-sample-app.js";
import { startSampleApp } from "../apps/start-sample-app.js";
import { startSampleAppProcess } from "../apps/start-sample-app-process.js";

export type { RunningApp, SampleAppOptions } from "../apps/start-sample-app.js";

/** Starts one task's app; rejects when the image is unknown or the app cannot listen. */
export type StartSampleApp = (options: SampleAppOptions) => Promise<RunningApp>;

/** Where task servers run: in the fleet's process (default, 2,000 tasks fit) or one child process each. */
export const TaskMode = { inProcess: "in-process", childProcess: "child-process" } as const;
export type TaskMode = (typeof TaskMode)[keyof typeof TaskMode];

/** The app launcher for a task mode. */
export function pickAppLauncher(mode: TaskMode): StartSampleApp {
  switch (mode) {
    case TaskMode.inProcess:
      return startSampleApp;
    case TaskMode.childProcess:
      return startSampleAppProcess;
  }
}
