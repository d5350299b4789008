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
