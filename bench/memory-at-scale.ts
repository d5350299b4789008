import { TaskMode } from "../fleet/tasks/sample-app-launcher.js";
import { type FleetShape, taskCount } from "./bench-scenario.js";
import { startScaleFleet } from "./fleet-scale.js";
import { benchVerificationAtScale } from "./verification-at-scale.js";

/** The memory size Max Memory Used is measured at: the stack's default. */
export const memoryAtScaleMB = 256;

/** Max Memory Used of one fleet size (the larger of a fresh and a warm run). */
export interface MemoryPoint {
  readonly tasks: number;
  readonly maxMemoryMB: number;
  readonly tasksVerified: number;
  readonly byTaskVerdict: Readonly<Record<string, number>>;
  readonly warmDurationMs: number;
  readonly warmCpuMs: number | null;
}

/** Two points of the memory line and its slope. */
export interface MemoryAtScaleResult {
  readonly memoryMB: number;
  readonly small: MemoryPoint;
  readonly large: MemoryPoint;
  /** (large - small) Max Memory Used / (large - small) tasks, in KB per task. */
  readonly kbPerTask: number;
}

/**
 * Each shape on a fleet of its own (started, rotated, verified fresh and warm with the heap capped as
 * Lambda caps it at 256 MB, stopped), one after the other so two fleets never share the machine.
 */
export async function benchMemoryAtScale(
  logDir: string,
  shapes: { readonly small: FleetShape; readonly large: FleetShape },
): Promise<MemoryAtScaleResult> {
  const small = await measure(logDir, shapes.small);
  const large = await measure(logDir, shapes.large);
  const kbPerTask = ((large.maxMemoryMB - small.maxMemoryMB) * 1024) / (large.tasks - small.tasks);
  return { memoryMB: memoryAtScaleMB, small, large, kbPerTask: Math.round(kbPerTask * 10) / 10 };
}

/** The memory size of the 50,000-task step: a fleet that size does not fit the stack's default 256 MB. */
export const largestFleetMemoryMB = 512;

/** The largest fleet verified in one invocation: its memory point, and how it was run. */
export interface LargestFleetResult extends MemoryPoint {
  readonly memoryMB: number;
  readonly shape: FleetShape;
  readonly taskMode: TaskMode;
  /** From `startFleet` to every service steady, task hosts included. */
  readonly fleetStartMs: number;
  readonly firstDurationMs: number;
  readonly firstCpuMs: number | null;
  /** Distinct task ARNs in the warm run's report: every task exactly once when equal to `tasks`. */
  readonly distinctTasks: number;
  /** Max Memory Used / tasks: the whole function, runtime and bundle included. */
  readonly kbPerTask: number;
}

/**
 * A fleet too large for one process's file descriptors (50,000 tasks: its task servers run in child
 * task hosts), rotated and verified fresh and warm with the heap capped as Lambda caps it at
 * `memoryMB`. Fails the benchmark unless the warm report holds every task exactly once.
 */
export async function benchLargestFleet(
  logDir: string,
  shape: FleetShape,
  memoryMB = largestFleetMemoryMB,
): Promise<LargestFleetResult> {
  const started = performance.now();
  const running = await startScaleFleet(shape, TaskMode.taskHosts);
  const fleetStartMs = Math.round(performance.now() - started);
  try {
    const tasks = taskCount(shape);
    const result = await benchVerificationAtScale(running, logDir, tasks, [memoryMB]);
    const [variant] = result.variants;
    if (!variant) throw new Error(`no verification of ${tasks} tasks`);
    const { first, warm } = variant;
    if (warm.tasksVerified !== tasks || warm.distinctTasks !== tasks)
      throw new Error(
        `the report of ${tasks} tasks holds ${warm.tasksVerified} (${warm.distinctTasks} distinct): every task must be there exactly once`,
      );
    return {
      memoryMB,
      shape,
      taskMode: TaskMode.taskHosts,
      fleetStartMs,
      tasks,
      maxMemoryMB: variant.maxMemoryMB,
      tasksVerified: warm.tasksVerified,
      distinctTasks: warm.distinctTasks,
      byTaskVerdict: warm.byTaskVerdict,
      firstDurationMs: first.durationMs,
      firstCpuMs: first.cpuMs,
      warmDurationMs: warm.durationMs,
      warmCpuMs: warm.cpuMs,
      kbPerTask: Math.round(((variant.maxMemoryMB * 1024) / tasks) * 10) / 10,
    };
  } finally {
    await running.stop();
  }
}

async function measure(logDir: string, shape: FleetShape): Promise<MemoryPoint> {
  const running = await startScaleFleet(shape);
  try {
    const tasks = taskCount(shape);
    const result = await benchVerificationAtScale(running, logDir, tasks, [memoryAtScaleMB]);
    const [variant] = result.variants;
    if (!variant) throw new Error(`no verification of ${tasks} tasks`);
    return {
      tasks,
      maxMemoryMB: variant.maxMemoryMB,
      tasksVerified: variant.warm.tasksVerified,
      byTaskVerdict: variant.warm.byTaskVerdict,
      warmDurationMs: variant.warm.durationMs,
      warmCpuMs: variant.warm.cpuMs,
    };
  } finally {
    await running.stop();
  }
}
