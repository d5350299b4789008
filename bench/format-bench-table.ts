import type { CallCount } from "./aws-calls.js";
import type { LargestFleetResult, MemoryAtScaleResult } from "./memory-at-scale.js";
import type { BenchResults } from "./run-bench.js";

type Row = readonly [string, string];

/** Left column padded: readable in a terminal and pasteable into Markdown as a code block. */
function table(title: string, rows: readonly Row[]): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return [`${title}`, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join("\n");
}

const ms = (value: number): string => `${Math.round(value).toLocaleString("en-US")} ms`;
const cpu = (value: number | null): string => (value === null ? "n/a" : ms(value));
const mb = (value: number): string => `${value.toFixed(1)} MB`;

/** The results as four small tables, the figures docs/benchmarks.md quotes. */
export function formatBenchTable(results: BenchResults): string {
  const { fleetScale: scale, verification, probeConcurrency: concurrency, coldStart, probeSigning } = results;
  const { memoryBefore: before, memoryAtSteadyState: steady, memoryAfterStop: after } = scale;
  const sections = [
    table(`1. Fleet scale: ${scale.tasks} in-process tasks`, [
      ["start to steady state", ms(scale.steadyStateMs)],
      ["one JWT request to every task", `${ms(scale.answerAllMs)}  ${JSON.stringify(scale.answers)}`],
      ["stop", ms(scale.stopMs)],
      ["RSS before / steady / after stop", `${mb(before.rssMB)} / ${mb(steady.rssMB)} / ${mb(after.rssMB)}`],
      [
        "heap before / steady / after stop",
        `${mb(before.heapUsedMB)} / ${mb(steady.heapUsedMB)} / ${mb(after.heapUsedMB)}`,
      ],
      ["per task (RSS / heap)", `${scale.rssPerTaskKB} KB / ${scale.heapPerTaskKB} KB`],
    ]),
    table(
      `2. Dry-run verification of ${verification.tasks} tasks (probe concurrency ${verification.probeConcurrency})`,
      verification.variants.map((variant) => [
        variant.memoryMB === null ? "V8 defaults" : `heap as Lambda at ${variant.memoryMB} MB`,
        `first ${ms(variant.first.durationMs)} (cpu ${cpu(variant.first.cpuMs)}), ` +
          `warm ${ms(variant.warm.durationMs)} (cpu ${cpu(variant.warm.cpuMs)}), ` +
          `Max Memory Used ${variant.maxMemoryMB} MB, ${variant.first.tasksVerified} tasks verified`,
      ]),
    ),
    table(
      `3. Probe concurrency: ${concurrency.tasks} tasks, median of ${concurrency.repetitions} interleaved runs`,
      concurrency.variants.map((variant) => [
        `VERIFIER_PROBE_CONCURRENCY=${variant.probeConcurrency}`,
        `${ms(variant.durationMs.median)} (min ${ms(variant.durationMs.min)}, max ${ms(variant.durationMs.max)}), ` +
          `x${variant.durationRatio} of the first, ${variant.speedup}x faster, ` +
          `cpu ${cpu(variant.cpuMs?.median ?? null)}, ${variant.maxMemoryMB} MB`,
      ]),
    ),
    table(`4. Cold start: median of ${coldStart.runs} fresh node processes`, [
      ["dist/handler.mjs", `${coldStart.bundleKB} kB`],
      ["import dist/handler.mjs", ms(coldStart.importMs.median)],
      [
        "node process importing it",
        `${ms(coldStart.processWithBundleMs.median)} (x${coldStart.processRatioVsBare} of a bare node process, ` +
          `${ms(coldStart.aboveBareMs)} above it)`,
      ],
      [
        "dependency floor (SDK clients, Powertools, jose)",
        `${ms(coldStart.dependencyFloor.processMs.median)} (${coldStart.dependencyFloor.bundleKB} kB, ` +
          `${ms(coldStart.dependencyFloor.aboveBareMs)} above bare; the verifier adds ${ms(coldStart.aboveFloorMs)} to it)`,
      ],
      ["bare node process", ms(coldStart.processBareMs.median)],
    ]),
    table(
      `5. Probe tokens per task (signed, alg none, wrong key): ${probeSigning.tasks} tasks, median of ${probeSigning.rounds} interleaved rounds`,
      probeSigning.variants.map((variant) => [
        variant.keyType,
        `${Math.round(variant.perTaskUs.median)} us per task; a wrong key per task: ` +
          `${Math.round(variant.perTaskFreshWrongKeyUs.median)} us (x${variant.speedup})`,
      ]),
    ),
    formatProbeCpu(results),
    formatAwsCalls(results),
    ...(results.memoryAtScale ? [formatMemoryAtScale(results.memoryAtScale)] : []),
    ...(results.largestFleet ? [formatLargestFleet(results.largestFleet)] : []),
  ];
  return `${sections.join("\n\n")}\n\ntotal ${ms(results.totalMs)}${results.quick ? " (quick)" : ""}`;
}

function formatProbeCpu({ probeCpu: cpu }: BenchResults): string {
  return table(
    `6. Function CPU per probe request: ${cpu.tasks} tasks, ${cpu.requests} requests (${cpu.requestsPerTask} per task, counted at the task servers), median of ${cpu.rounds} interleaved rounds`,
    [
      [
        "verifier (warm dry run)",
        `${ms(cpu.functionCpuMs.median)}, ${cpu.functionPerRequestMs} ms per request`,
      ],
      ["floor (the same GETs only)", `${ms(cpu.floorCpuMs.median)}, ${cpu.floorPerRequestMs} ms per request`],
      ["verifier / floor", `x${cpu.ratio}`],
    ],
  );
}

function formatAwsCalls({ awsCalls: calls }: BenchResults): string {
  const row = (label: string, count: CallCount): Row => [
    label,
    `${count.made} made, minimum ${count.minimum}, ratio ${count.ratio.toFixed(2)}`,
  ];
  return table("7. AWS calls per operation (the function's own, from the fleet's call log)", [
    row("one secret, whole fleet", calls.oneSecret),
    row("sweep over 3 watched secrets", calls.sweepOfThreeSecrets),
    row("ECS deployment event, 1 service", calls.deploymentEvent),
    row(
      `rotation, every rule on (${calls.rotationEveryRule.verifications} verifications)`,
      calls.rotationEveryRule,
    ),
  ]);
}

function formatMemoryAtScale(memory: MemoryAtScaleResult): string {
  const point = (entry: MemoryAtScaleResult["small"]): Row => [
    `${entry.tasks.toLocaleString("en-US")} tasks`,
    `Max Memory Used ${entry.maxMemoryMB} MB, ${entry.tasksVerified} tasks verified ${JSON.stringify(entry.byTaskVerdict)}, ` +
      `warm ${ms(entry.warmDurationMs)} (cpu ${cpu(entry.warmCpuMs)})`,
  ];
  return table(`8. Memory at scale: heap capped as Lambda caps it at ${memory.memoryMB} MB`, [
    point(memory.small),
    point(memory.large),
    ["growth per task", `${memory.kbPerTask} KB`],
  ]);
}

function formatLargestFleet(fleet: LargestFleetResult): string {
  const { clusters, servicesPerCluster, tasksPerService } = fleet.shape;
  return table(
    `9. ${fleet.tasks.toLocaleString("en-US")} tasks (${clusters} x ${servicesPerCluster} x ${tasksPerService}, servers in child task hosts): heap capped as Lambda caps it at ${fleet.memoryMB} MB`,
    [
      ["fleet start to steady state", ms(fleet.fleetStartMs)],
      ["Max Memory Used", `${fleet.maxMemoryMB} MB, ${fleet.kbPerTask} KB per task`],
      ["first run", `${ms(fleet.firstDurationMs)} (cpu ${cpu(fleet.firstCpuMs)})`],
      ["warm run", `${ms(fleet.warmDurationMs)} (cpu ${cpu(fleet.warmCpuMs)})`],
      [
        "in the report",
        `${fleet.tasksVerified} tasks, ${fleet.distinctTasks} distinct ${JSON.stringify(fleet.byTaskVerdict)}`,
      ],
    ],
  );
}
