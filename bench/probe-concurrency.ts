import { ConfigEnv } from "../lambda/config-names.js";
import { type BenchLambda, invokeDryRun, startBenchLambda, type VerificationRun } from "./bench-lambda.js";
import type { RunningScaleFleet } from "./fleet-scale.js";
import { ratio, type Summary, summarize } from "./stats.js";

/** One `VERIFIER_PROBE_CONCURRENCY` setting: its durations and how it compares with concurrency 1. */
export interface ConcurrencyVariant {
  readonly probeConcurrency: number;
  readonly durationMs: Summary;
  readonly maxMemoryMB: number;
  /** CPU time of the execution environment per run; null off Linux. */
  readonly cpuMs: Summary | null;
  /** Median duration / median duration at the first (baseline) setting: below 1 is faster. */
  readonly durationRatio: number;
  /** Baseline median / this median: how many times faster. */
  readonly speedup: number;
}

/** The side-by-side comparison: same fleet, same dry run, only `VERIFIER_PROBE_CONCURRENCY` differs. */
export interface ProbeConcurrencyResult {
  readonly tasks: number;
  readonly clusters: readonly string[];
  readonly repetitions: number;
  /** Order the runs were made in, e.g. `1,16,64,1,16,64,...` (after one discarded warm-up each). */
  readonly order: readonly number[];
  readonly variants: readonly ConcurrencyVariant[];
}

/** What to compare: the first setting is the baseline. */
export interface ProbeConcurrencyOptions {
  readonly settings: readonly number[];
  readonly repetitions: number;
  /** Clusters the verifier searches (`VERIFIER_CLUSTERS`): the size of the verified fleet. */
  readonly clusters: readonly string[];
  readonly tasks: number;
}

/**
 * Same dry run, one warm execution environment per setting, interleaved A/B/C/A/B/C so that load
 * from other work on the machine spreads over all settings. Each environment's first (cold) run is
 * discarded. Expects the secret already rotated, so every task is probed and rejected.
 */
export async function benchProbeConcurrency(
  running: RunningScaleFleet,
  logDir: string,
  options: ProbeConcurrencyOptions,
): Promise<ProbeConcurrencyResult> {
  const lambdas = options.settings.map((setting) =>
    startBenchLambda(running.fleet, logDir, `probe-concurrency-${setting}`, {
      config: {
        [ConfigEnv.probeConcurrency]: String(setting),
        [ConfigEnv.clusters]: options.clusters.join(","),
      },
    }),
  );
  try {
    const durations = await runInterleaved(lambdas, running.secretName, options.repetitions);
    const summaries = durations.map((runs) => summarize(runs.map((run) => run.durationMs)));
    const baseline = summaries[0]?.median ?? Number.NaN;
    return {
      tasks: options.tasks,
      clusters: options.clusters,
      repetitions: options.repetitions,
      order: Array.from({ length: options.repetitions }, () => options.settings).flat(),
      variants: options.settings.map((probeConcurrency, index) => {
        const durationMs = summaries[index] as Summary;
        const runs = durations[index] ?? [];
        return {
          probeConcurrency,
          durationMs,
          maxMemoryMB: Math.max(...runs.map((run) => run.maxMemoryMB)),
          cpuMs: cpuSummary(runs),
          durationRatio: ratio(durationMs.median, baseline),
          speedup: ratio(baseline, durationMs.median),
        };
      }),
    };
  } finally {
    await Promise.all(lambdas.map((target) => target.lambda.stop()));
  }
}

async function runInterleaved(lambdas: readonly BenchLambda[], secretId: string, repetitions: number) {
  const runs = lambdas.map(() => [] as VerificationRun[]);
  for (const lambda of lambdas) await invokeDryRun(lambda, secretId);
  for (let repetition = 0; repetition < repetitions; repetition += 1) {
    for (const [index, lambda] of lambdas.entries()) {
      runs[index]?.push(await invokeDryRun(lambda, secretId));
    }
  }
  return runs;
}

function cpuSummary(runs: readonly VerificationRun[]): Summary | null {
  const values = runs.flatMap((run) => (run.cpuMs === null ? [] : [run.cpuMs]));
  return values.length === runs.length && values.length > 0 ? summarize(values) : null;
}
