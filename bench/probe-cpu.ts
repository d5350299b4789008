import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { invokeDryRun, startBenchLambda } from "./bench-lambda.js";
import { clusterNames, type FleetShape } from "./bench-scenario.js";
import type { RunningScaleFleet } from "./fleet-scale.js";
import { startProbeRequestCounter } from "./probe-request-counter.js";
import { ratio, type Summary, summarize } from "./stats.js";

/** The path every benchmark task is probed on (`bench-scenario.ts` tags it). */
const probePath = "/api/bench";
const floorScript = fileURLToPath(new URL("./probe-floor.mjs", import.meta.url));

/** The function's CPU per probe request beside the floor: the same GETs and nothing else. */
export interface ProbeCpuResult {
  readonly tasks: number;
  /** Probe requests the task servers received from one warm invocation (counted, not assumed). */
  readonly requests: number;
  /** requests / tasks: AWSCURRENT, the AWSPREVIOUS control token, alg none and a wrong key. */
  readonly requestsPerTask: number;
  readonly rounds: number;
  /** CPU of the warm function per invocation (ms) and per probe request (ms). */
  readonly functionCpuMs: Summary;
  readonly functionPerRequestMs: number;
  /** CPU of the floor script (same GETs, same concurrency, pre-signed tokens, keep-alive node:http). */
  readonly floorCpuMs: Summary;
  readonly floorPerRequestMs: number;
  /** functionPerRequestMs / floorPerRequestMs: what the verifier costs above sending the requests. */
  readonly ratio: number;
}

/**
 * Interleaves `rounds` warm dry-run verifications of the whole fleet with `rounds` runs of the floor
 * script over the same task URLs, so both see the same machine load; medians. A discarded
 * invocation first warms the function (Lambda bills init separately) and counts the probe requests
 * one invocation sends, so the floor sends exactly as many per task.
 */
export async function benchProbeCpu(
  running: RunningScaleFleet,
  logDir: string,
  shape: FleetShape,
  rounds: number,
): Promise<ProbeCpuResult> {
  const concurrency = 16;
  const urls = clusterNames(shape).flatMap((cluster) =>
    running.fleet.runningTasks(cluster).map((task) => `${task.url}${probePath}`),
  );
  const target = startBenchLambda(running.fleet, logDir, "probe-cpu");
  const functionCpu: number[] = [];
  const floorCpu: number[] = [];
  let requests: number;
  let requestsPerTask: number;
  try {
    requests = await countProbeRequests(() => invokeDryRun(target, running.secretName));
    requestsPerTask = Math.round(requests / urls.length);
    if (requestsPerTask < 1 || requestsPerTask * urls.length !== requests)
      throw new Error(`uneven probe requests: ${requests} for ${urls.length} tasks`);
    for (let round = 0; round < rounds; round += 1) {
      const run = await invokeDryRun(target, running.secretName);
      if (run.cpuMs === null) throw new Error("function CPU time is not readable on this platform");
      functionCpu.push(run.cpuMs);
      floorCpu.push(await runFloor(urls, floorTokens(requestsPerTask), concurrency));
    }
  } finally {
    await target.lambda.stop();
  }
  const functionCpuMs = summarize(functionCpu);
  const floorCpuMs = summarize(floorCpu);
  const functionPerRequestMs = Math.round((functionCpuMs.median / requests) * 1000) / 1000;
  const floorPerRequestMs = Math.round((floorCpuMs.median / requests) * 1000) / 1000;
  return {
    tasks: urls.length,
    requests,
    requestsPerTask,
    rounds,
    functionCpuMs,
    functionPerRequestMs,
    floorCpuMs,
    floorPerRequestMs,
    ratio: ratio(functionCpuMs.median, floorCpuMs.median),
  };
}

/** The probe requests the task servers receive while `work` runs. */
async function countProbeRequests(work: () => Promise<unknown>): Promise<number> {
  const counter = startProbeRequestCounter(probePath);
  try {
    await work();
    return counter.count();
  } finally {
    counter.stop();
  }
}

/** `count` pre-signed tokens (HS256-shaped; the apps reject them, as they reject the stale key). */
function floorTokens(count: number): string[] {
  const header = Buffer.from('{"alg":"HS256"}').toString("base64url");
  return Array.from(
    { length: count },
    (_, index) => `${header}.${Buffer.from(`{"sub":"probe-${index}"}`).toString("base64url")}.c2lnbmF0dXJl`,
  );
}

function runFloor(urls: readonly string[], tokens: readonly string[], concurrency: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [floorScript], { stdio: ["pipe", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`the floor script exited with ${code}`));
      resolve((JSON.parse(output) as { cpuMs: number }).cpuMs);
    });
    child.stdin.end(JSON.stringify({ urls, tokens, concurrency }));
  });
}
