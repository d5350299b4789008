import type { Writable } from "node:stream";
import { loadScenarioFile } from "./scenario/load-scenario-file.js";
import { type Fleet, type StartFleetOptions, startFleet } from "./start-fleet.js";
import { TaskMode } from "./tasks/sample-app-launcher.js";

/** Hooks of `runFleetCommand`; the defaults are the real process. */
export interface FleetCommandOptions {
  /** @default process.stdout */
  readonly stdout?: Writable;
  /** @default process.stderr */
  readonly stderr?: Writable;
  /** Stops the fleet when aborted. @default SIGINT or SIGTERM */
  readonly stopSignal?: AbortSignal;
  /** Runs `--invoke FILE` against the started fleet (wired by the CLI to the local Lambda). */
  readonly invoke?: (file: string, fleet: Fleet) => Promise<void>;
  /** Extra startFleet options (tests: fast task starts). */
  readonly fleetOptions?: StartFleetOptions;
}

const usage =
  "usage: fleet [--port N] [--events FILE] [--scenario FILE] [--invoke FILE] [--task-mode in-process|child-process] [--task-start-delay-ms N]";

interface FleetArgs {
  port?: number;
  events?: string;
  scenario?: string;
  invoke?: string;
  taskMode?: TaskMode;
  taskStartDelayMs?: number;
}

/**
 * `fleet`: starts the local fleet in the foreground, prints `ready http://127.0.0.1:N` once it
 * accepts requests, and stops cleanly (every task server closed) on SIGINT/SIGTERM.
 * Returns the exit code: 0 after a clean stop, 2 on bad usage, 1 when the fleet cannot start.
 */
export async function runFleetCommand(
  argv: readonly string[],
  options: FleetCommandOptions = {},
): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const args = parseFleetArgs(argv);
  if (typeof args === "string") {
    stderr.write(`${args}\n${usage}\n`);
    return 2;
  }
  let fleet: Fleet;
  try {
    fleet = await startFleet({
      ...options.fleetOptions,
      ...(args.port === undefined ? {} : { port: args.port }),
      ...(args.events === undefined ? {} : { eventsFile: args.events }),
      ...(args.taskMode === undefined ? {} : { taskMode: args.taskMode }),
      ...(args.taskStartDelayMs === undefined ? {} : { taskStartDelayMs: args.taskStartDelayMs }),
      ...(args.scenario === undefined ? {} : { scenario: await loadScenarioFile(args.scenario) }),
    });
  } catch (error) {
    stderr.write(`fleet: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  stdout.write(`ready ${fleet.endpoint}\n`);
  const stopped = waitForStop(options.stopSignal);
  if (args.invoke !== undefined) await runInvoke(args.invoke, fleet, options, stderr);
  await stopped;
  await fleet.stop();
  stdout.write("stopped\n");
  return 0;
}

async function runInvoke(
  file: string,
  fleet: Fleet,
  options: FleetCommandOptions,
  stderr: Writable,
): Promise<void> {
  if (!options.invoke) {
    stderr.write("fleet: --invoke is not available in this build\n");
    return;
  }
  try {
    await options.invoke(file, fleet);
  } catch (error) {
    stderr.write(
      `fleet: --invoke ${file} failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
}

function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  if (signal) {
    return signal.aborted
      ? Promise.resolve()
      : new Promise((resolve) => signal.addEventListener("abort", () => resolve()));
  }
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** Parses the flags; a string is the usage error to print. */
export function parseFleetArgs(argv: readonly string[]): FleetArgs | string {
  const args: FleetArgs = {};
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index] ?? "";
    const value = argv[index + 1];
    if (value === undefined) return `fleet: ${flag} needs a value`;
    index += 1;
    switch (flag) {
      case "--port":
      case "--task-start-delay-ms": {
        const number = Number(value);
        if (!Number.isInteger(number) || number < 0 || (flag === "--port" && number > 65535)) {
          return `fleet: ${flag} must be a non-negative integer`;
        }
        if (flag === "--port") args.port = number;
        else args.taskStartDelayMs = number;
        break;
      }
      case "--events":
        args.events = value;
        break;
      case "--scenario":
        args.scenario = value;
        break;
      case "--invoke":
        args.invoke = value;
        break;
      case "--task-mode":
        if (value !== TaskMode.inProcess && value !== TaskMode.childProcess)
          return "fleet: --task-mode must be in-process or child-process";
        args.taskMode = value;
        break;
      default:
        return `fleet: unknown option ${flag}`;
    }
  }
  return args;
}
