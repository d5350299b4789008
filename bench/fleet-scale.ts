import type { Fleet } from "../fleet/fleet-api.js";
import { startFleet } from "../fleet/start-fleet.js";
import { TaskMode } from "../fleet/tasks/sample-app-launcher.js";
import { benchScenario, clusterNames, type FleetShape, taskCount } from "./bench-scenario.js";
import { type MemorySample, sampleMemory } from "./memory-sample.js";
import { type AnswerCounts, probeEveryTask } from "./probe-every-task.js";
import { round } from "./stats.js";

/** The fleet-scale figures: start, answer and stop N tasks in this one process. */
export interface FleetScaleResult {
  readonly shape: FleetShape;
  readonly tasks: number;
  readonly taskStartDelayMs: number;
  /** From `startFleet` to every service steady (all tasks RUNNING, deployments COMPLETED). */
  readonly steadyStateMs: number;
  /** One real JWT request to every task, 32 at a time. */
  readonly answerAllMs: number;
  readonly answers: AnswerCounts;
  readonly stopMs: number;
  readonly memoryBefore: MemorySample;
  readonly memoryAtSteadyState: MemorySample;
  readonly memoryAfterStop: MemorySample;
  /** (RSS at steady state - RSS before) / tasks, in KB. */
  readonly rssPerTaskKB: number;
  readonly heapPerTaskKB: number;
}

/** A fleet at steady state, kept running for the verification benchmarks; `stop` completes the figures. */
export interface RunningScaleFleet {
  readonly fleet: Fleet;
  readonly secretName: string;
  /** Two more secrets in the fleet, consumed by no task: the sweep's second and third watched secrets. */
  readonly otherSecretNames: readonly string[];
  /** The key every task read at start; a rotation makes it the old one. */
  readonly key: string;
  stop(): Promise<FleetScaleResult>;
}

const taskStartDelayMs = 30;
/**
 * Bound on reaching steady state, 180 s or 6 ms per task whichever is longer; a fleet that takes
 * longer is a failed benchmark.
 */
const steadyTimeoutMs = (tasks: number): number => Math.max(180_000, tasks * 6);

/**
 * Starts the fleet, waits for steady state, has every task answer once, and samples memory. Task
 * servers run in the bench process (`in-process`) or, for fleets beyond one process's file
 * descriptors, in child task hosts (`task-hosts`: the memory samples then cover the fleet's ECS only).
 */
export async function startScaleFleet(
  shape: FleetShape,
  taskMode: TaskMode = TaskMode.inProcess,
): Promise<RunningScaleFleet> {
  const secretName = "bench/jwt";
  const otherSecretNames = ["bench/api-key", "bench/webhook-secret"];
  const key = "bench-signing-key-before-rotation-000001";
  const memoryBefore = sampleMemory();
  const started = performance.now();
  const fleet = await startFleet({
    taskStartDelayMs,
    deploymentPacing: { stepDelayMs: 10 },
    taskMode,
    scenario: benchScenario(shape, { name: secretName, value: key }, otherSecretNames),
  });
  let steadyStateMs: number;
  let answerAllMs: number;
  let answers: AnswerCounts;
  try {
    await waitForWholeFleet(fleet, shape);
    steadyStateMs = performance.now() - started;
    const tasks = clusterNames(shape).flatMap((cluster) => fleet.runningTasks(cluster));
    const answerStarted = performance.now();
    answers = await probeEveryTask(tasks, key);
    answerAllMs = performance.now() - answerStarted;
  } catch (error) {
    await fleet.stop();
    throw error;
  }
  const memoryAtSteadyState = sampleMemory();
  const count = taskCount(shape);
  return {
    fleet,
    secretName,
    otherSecretNames,
    key,
    async stop() {
      const stopStarted = performance.now();
      await fleet.stop();
      const stopMs = performance.now() - stopStarted;
      return {
        shape,
        tasks: count,
        taskStartDelayMs,
        steadyStateMs: round(steadyStateMs),
        answerAllMs: round(answerAllMs),
        answers,
        stopMs: round(stopMs),
        memoryBefore,
        memoryAtSteadyState,
        memoryAfterStop: sampleMemory(),
        rssPerTaskKB: round(((memoryAtSteadyState.rssMB - memoryBefore.rssMB) * 1024) / count),
        heapPerTaskKB: round(((memoryAtSteadyState.heapUsedMB - memoryBefore.heapUsedMB) * 1024) / count),
      };
    },
  };
}

async function waitForWholeFleet(fleet: Fleet, shape: FleetShape): Promise<void> {
  const deadline = performance.now() + steadyTimeoutMs(taskCount(shape));
  for (const cluster of clusterNames(shape)) {
    for (let index = 1; index <= shape.servicesPerCluster; index += 1) {
      const timeoutMs = Math.max(1, Math.round(deadline - performance.now()));
      await fleet.waitForSteadyState(cluster, `api-${index}`, { timeoutMs });
    }
  }
}
