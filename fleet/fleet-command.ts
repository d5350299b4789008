import { loadScenarioFile } from "./scenario/load-scenario-file.js";
import { type Fleet, type StartFleetOptions, startFleet } from "./start-fleet.js";
import { TaskMode } from "./tasks/sample-app-launcher.js";

/** Where the command writes: process streams or a test buffer. */
export interface TextSink {
  write(text: string): unknown;
}

/** Hooks of `runFleetCommand`; the defaults are the real process. */
export interface FleetCommandOptions {
  /** @default process.stdout */
  readonly stdout?: TextSink;
  /** @default process.stderr */
  readonly stderr?: TextSink;
  /** Stops the fleet when aborted. @default SIGINT or SIGTERM */
  readonly stopSignal?: AbortSignal;
  /**
   * Runs `--invoke FILE` against the started fleet (`fleet-main.ts` wires the local Lambda here); the
   * returned function is awaited before the fleet stops.
   */
  readonly invoke?: (file: string, fleet: Fleet) => Promise<(() => Promise<void>) | undefined>;
  /** Extra startFleet options (tests: fast task starts). */
  readonly fleetOptions?: StartFleetOptions;
  /** With `--invoke`: the function's log file, served as its CloudWatch log group. */
  readonly functionLogFile?: string;
  /**
   * Starts `--scenario incident` (`fleet-main.ts` wires `startIncidentFleet`, which needs the
   * verifier bundle): the fleet, the lines that say what to do next, and how to stop it.
   */
  readonly incident?: (
    options: StartFleetOptions,
  ) => Promise<{ readonly fleet: Fleet; readonly notes: string; stop(): Promise<void> }>;
}

const usage =
  "usage: fleet [--port N] [--events FILE] [--scenario FILE|incident] [--invoke FILE] [--task-mode in-process|child-process|task-hosts] [--task-start-delay-ms N]";

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
  if (args.scenario === "incident") return runIncident(args, options, stdout, stderr);
  let fleet: Fleet;
  try {
    fleet = await startFleet({
      ...options.fleetOptions,
      ...(args.port === undefined ? {} : { port: args.port }),
      ...(args.events === undefined ? {} : { eventsFile: args.events }),
      ...(args.taskMode === undefined ? {} : { taskMode: args.taskMode }),
      ...(args.taskStartDelayMs === undefined ? {} : { taskStartDelayMs: args.taskStartDelayMs }),
      ...(args.scenario === undefined ? {} : { scenario: await loadScenarioFile(args.scenario) }),
      ...(args.invoke !== undefined && options.functionLogFile !== undefined
        ? { functionLog: { file: options.functionLogFile } }
        : {}),
    });
  } catch (error) {
    stderr.write(`fleet: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  let detach: (() => Promise<void>) | undefined;
  if (args.invoke !== undefined) {
    const attached = await attachInvoke(args.invoke, fleet, options, stderr);
    if (!attached.ok) {
      await fleet.stop();
      return 1;
    }
    detach = attached.detach;
  }
  // Listen for the stop signal before announcing readiness: a supervisor may signal as soon as it
  // reads the ready line, and a signal without a listener would kill the fleet uncleanly.
  const stopped = waitForStop(options.stopSignal);
  stdout.write(`ready ${fleet.endpoint}\n`);
  await stopped;
  await detach?.();
  await fleet.stop();
  stdout.write("stopped\n");
  return 0;
}

/** `--scenario incident`: the fleet mid-incident, with the verifier deployed as the shipped cdk.json says. */
async function runIncident(
  args: FleetArgs,
  options: FleetCommandOptions,
  stdout: TextSink,
  stderr: TextSink,
): Promise<number> {
  if (!options.incident || args.invoke !== undefined) {
    stderr.write(
      options.incident
        ? "fleet: --scenario incident deploys the verifier itself; drop --invoke\n"
        : "fleet: --scenario incident needs the development entry point (npm run fleet -- --scenario incident)\n",
    );
    return 2;
  }
  let started: Awaited<ReturnType<NonNullable<FleetCommandOptions["incident"]>>>;
  try {
    started = await options.incident({
      ...options.fleetOptions,
      ...(args.port === undefined ? {} : { port: args.port }),
      ...(args.events === undefined ? {} : { eventsFile: args.events }),
      ...(args.taskMode === undefined ? {} : { taskMode: args.taskMode }),
      ...(args.taskStartDelayMs === undefined ? {} : { taskStartDelayMs: args.taskStartDelayMs }),
    });
  } catch (error) {
    stderr.write(
      `fleet: cannot start the incident: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  const stopped = waitForStop(options.stopSignal);
  stdout.write(started.notes);
  stdout.write(`ready ${started.fleet.endpoint}\n`);
  await stopped;
  await started.stop();
  stdout.write("stopped\n");
  return 0;
}

/** Subscribes `--invoke FILE` before `ready` is printed, so no event emitted after `ready` is missed. */
async function attachInvoke(
  file: string,
  fleet: Fleet,
  options: FleetCommandOptions,
  stderr: TextSink,
): Promise<{ ok: true; detach?: () => Promise<void> } | { ok: false }> {
  if (!options.invoke) {
    stderr.write(
      "fleet: --invoke needs the development entry point (npm run fleet -- --invoke dist/handler.mjs)\n",
    );
    return { ok: false };
  }
  try {
    const detach = await options.invoke(file, fleet);
    return detach ? { ok: true, detach } : { ok: true };
  } catch (error) {
    stderr.write(
      `fleet: --invoke ${file} failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return { ok: false };
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
        if (!Object.values(TaskMode).includes(value as TaskMode))
          return "fleet: --task-mode must be in-process, child-process or task-hosts";
        args.taskMode = value as TaskMode;
        break;
      default:
        return `fleet: unknown option ${flag}`;
    }
  }
  return args;
}
