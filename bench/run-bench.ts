import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { type AwsCallsResult, benchAwsCalls } from "./aws-calls.js";
import { clusterNames, type FleetShape, taskCount } from "./bench-scenario.js";
import { benchColdStart, type ColdStartResult } from "./cold-start.js";
import { type FleetScaleResult, startScaleFleet } from "./fleet-scale.js";
import {
  benchLargestFleet,
  benchMemoryAtScale,
  type LargestFleetResult,
  type MemoryAtScaleResult,
} from "./memory-at-scale.js";
import { benchProbeConcurrency, type ProbeConcurrencyResult } from "./probe-concurrency.js";
import { benchProbeCpu, type ProbeCpuResult } from "./probe-cpu.js";
import { benchProbeSigning, type ProbeSigningResult } from "./probe-signing.js";
import { benchVerificationAtScale, type VerificationResult } from "./verification-at-scale.js";

/** Sizes of one bench run; `fullSizes` and `quickSizes` are the two `npm run bench` uses. */
export interface BenchSizes {
  readonly shape: FleetShape;
  /** How many of the shape's clusters the probe-concurrency comparison verifies. */
  readonly concurrencyClusters: number;
  readonly concurrencySettings: readonly number[];
  readonly concurrencyRepetitions: number;
  /** Memory sizes the verification runs at; `null` is V8's defaults for this machine. */
  readonly verificationMemoryMB: readonly (number | null)[];
  readonly coldStartRuns: number;
  /** Tasks per round and interleaved rounds of the probe-signing comparison. */
  readonly signing: { readonly tasks: number; readonly rounds: number };
  /** Interleaved rounds of the function-versus-floor CPU comparison. */
  readonly probeCpuRounds: number;
  /** The two fleets Max Memory Used is measured on at 256 MB; `null` skips the step (quick). */
  readonly memoryAtScale: { readonly small: FleetShape; readonly large: FleetShape } | null;
  /** The 50,000-task fleet verified at 512 MB, its servers in child task hosts; `null` skips it (quick). */
  readonly largestFleet: FleetShape | null;
}

/** 2,000 tasks (4 clusters x 5 services x 100); concurrency compared on one cluster (500 tasks). */
export const fullSizes: BenchSizes = {
  shape: { clusters: 4, servicesPerCluster: 5, tasksPerService: 100 },
  concurrencyClusters: 1,
  concurrencySettings: [1, 16, 64],
  concurrencyRepetitions: 3,
  verificationMemoryMB: [null, 256],
  coldStartRuns: 10,
  signing: { tasks: 50, rounds: 3 },
  probeCpuRounds: 3,
  memoryAtScale: {
    small: { clusters: 4, servicesPerCluster: 5, tasksPerService: 100 },
    large: { clusters: 10, servicesPerCluster: 10, tasksPerService: 100 },
  },
  largestFleet: { clusters: 10, servicesPerCluster: 10, tasksPerService: 500 },
};

/** A smoke run: 20 tasks, same steps, every setting once more than nothing. */
export const quickSizes: BenchSizes = {
  shape: { clusters: 2, servicesPerCluster: 2, tasksPerService: 5 },
  concurrencyClusters: 1,
  concurrencySettings: [1, 16, 64],
  concurrencyRepetitions: 3,
  verificationMemoryMB: [null, 256],
  coldStartRuns: 3,
  signing: { tasks: 3, rounds: 1 },
  probeCpuRounds: 1,
  memoryAtScale: null,
  largestFleet: null,
};

/** Everything one run measured; written as `.reports/bench.json`. */
export interface BenchResults {
  readonly benchVersion: 1;
  readonly quick: boolean;
  readonly startedAt: string;
  readonly totalMs: number;
  readonly environment: { readonly node: string; readonly platform: string; readonly cpus: number };
  readonly fleetScale: FleetScaleResult;
  readonly verification: VerificationResult;
  readonly probeConcurrency: ProbeConcurrencyResult;
  readonly coldStart: ColdStartResult;
  readonly probeSigning: ProbeSigningResult;
  readonly awsCalls: AwsCallsResult;
  readonly probeCpu: ProbeCpuResult;
  /** Max Memory Used at 2,000 and 10,000 tasks (full run only). */
  readonly memoryAtScale: MemoryAtScaleResult | null;
  /** 50,000 tasks in one invocation at 512 MB (full run only). */
  readonly largestFleet: LargestFleetResult | null;
}

/**
 * Runs the benchmarks on one fleet: start it (1), verify it whole after a rotation (2), the function's
 * CPU per probe request beside the floor script (6), the AWS calls of each operation (7), compare
 * probe concurrency on part of it (3), stop it (1, completed); then the cold start (4), probe signing
 * (5) and, in a full run, Max Memory Used at 2,000 and 10,000 tasks on fleets of their own (8) and
 * 50,000 tasks at 512 MB, their servers in child task hosts (9). The fleet is
 * stopped and every function process ended even when a step fails; function logs go to a temp dir,
 * removed after a clean run and kept (named in the error) after a failed one.
 */
export async function runBench(sizes: BenchSizes, quick: boolean): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const logDir = mkdtempSync(join(tmpdir(), "rollout-verifier-bench-"));
  const running = await startScaleFleet(sizes.shape);
  let verification: VerificationResult;
  let probeConcurrency: ProbeConcurrencyResult;
  let awsCalls: AwsCallsResult;
  let probeCpu: ProbeCpuResult;
  try {
    verification = await benchVerificationAtScale(
      running,
      logDir,
      taskCount(sizes.shape),
      sizes.verificationMemoryMB,
    );
    probeCpu = await benchProbeCpu(running, logDir, sizes.shape, sizes.probeCpuRounds);
    awsCalls = await benchAwsCalls(running, logDir, sizes.shape);
    const clusters = clusterNames(sizes.shape).slice(0, sizes.concurrencyClusters);
    probeConcurrency = await benchProbeConcurrency(running, logDir, {
      settings: sizes.concurrencySettings,
      repetitions: sizes.concurrencyRepetitions,
      clusters,
      tasks: taskCount({ ...sizes.shape, clusters: clusters.length }),
    });
  } catch (error) {
    await running.fleet.stop();
    throw new BenchError(`benchmark failed; function logs kept in ${logDir}`, { cause: error });
  }
  const fleetScale = await running.stop();
  const coldStart = await benchColdStart(sizes.coldStartRuns);
  const probeSigning = await benchProbeSigning(sizes.signing.tasks, sizes.signing.rounds);
  const memoryAtScale =
    sizes.memoryAtScale === null ? null : await benchMemoryAtScale(logDir, sizes.memoryAtScale);
  const largestFleet =
    sizes.largestFleet === null ? null : await benchLargestFleet(logDir, sizes.largestFleet);
  rmSync(logDir, { recursive: true, force: true });
  return {
    benchVersion: 1,
    quick,
    startedAt,
    totalMs: Math.round(performance.now() - started),
    environment: { node: process.version, platform: process.platform, cpus: availableParallelism() },
    fleetScale,
    verification,
    probeConcurrency,
    coldStart,
    probeSigning,
    awsCalls,
    probeCpu,
    memoryAtScale,
    largestFleet,
  };
}

/** A benchmark step failed; `cause` holds the step's own error. */
export class BenchError extends Error {
  override readonly name = "BenchError";
  readonly code = "BENCH_FAILED";
}
