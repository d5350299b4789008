import { createReadStream } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { Fleet } from "../fleet/fleet-api.js";
import { LocalLambda } from "../fleet/lambda/local-lambda.js";
import type { BoundedResult } from "../lambda/adapters/aws/bound-response.js";
import { reportFromLogRecords } from "../lambda/adapters/telemetry/report-service-records.js";
import type { RunReport } from "../lambda/core/report/report.js";
import { functionCpuMs } from "./function-cpu-time.js";

/** The bundle `npm run bench` builds first: the very file the CDK stack deploys. */
export const bundlePath = resolve("dist/handler.mjs");

/** The function's timeout in the benchmarks, the stack's default (5 minutes); a run that needs longer fails the benchmark. */
const benchTimeoutMs = 300_000;

/** A local Lambda and its function name (which finds its process for CPU time). */
export interface BenchLambda {
  readonly name: string;
  readonly lambda: LocalLambda;
  /** The function's log: where a report too large to return keeps its task lists. */
  readonly logFile: string;
}

/**
 * The bundled handler in its own execution environment, pointed at the fleet through the SDK's
 * standard endpoint variable. Not subscribed to fleet events: the benchmarks invoke it directly.
 */
export function startBenchLambda(
  fleet: Fleet,
  logDir: string,
  name: string,
  options: { readonly config?: Readonly<Record<string, string>>; readonly memoryMB?: number } = {},
): BenchLambda {
  const logFile = join(logDir, `${name}.log`);
  const lambda = new LocalLambda({
    bundlePath,
    logFile,
    functionName: name,
    timeoutMs: benchTimeoutMs,
    retryDelaysMs: [],
    ...(options.memoryMB === undefined ? {} : { memoryLimitInMB: options.memoryMB }),
    env: {
      AWS_ENDPOINT_URL: fleet.endpoint,
      AWS_REGION: fleet.identity.region,
      AWS_DEFAULT_REGION: fleet.identity.region,
      ...(options.memoryMB === undefined ? {} : { NODE_OPTIONS: lambdaHeapFlags(options.memoryMB) }),
      ...options.config,
    },
  });
  return { name, lambda, logFile };
}

/**
 * V8 heap limits derived from a function's memory size the way the Lambda Node.js runtime's
 * bootstrap derives them (a tenth for the young generation, the rest for the old one). Without
 * them V8 sizes its heap from this machine's RAM and lets garbage pile up, overstating the need.
 */
export function lambdaHeapFlags(memoryMB: number): string {
  const newSpace = Math.floor(memoryMB / 10);
  return `--max-semi-space-size=${Math.floor(newSpace / 2)} --max-old-space-size=${memoryMB - newSpace}`;
}

/** What one dry-run verification invocation cost and covered. */
export interface VerificationRun {
  readonly durationMs: number;
  readonly maxMemoryMB: number;
  /** CPU time of the execution environment during the run (a first run includes the bundle's init); null off Linux. */
  readonly cpuMs: number | null;
  readonly tasksVerified: number;
  /** Distinct task ARNs in the reports: equal to `tasksVerified` when every task is there exactly once. */
  readonly distinctTasks: number;
  readonly byTaskVerdict: Readonly<Record<string, number>>;
}

/** Invokes a dry-run verification of `secretId`; a function error or timeout fails the benchmark. */
export async function invokeDryRun(target: BenchLambda, secretId: string): Promise<VerificationRun> {
  const cpuBefore = functionCpuMs(target.name) ?? 0;
  const record = await target.lambda.invoke({ secretId, dryRun: true });
  const cpuAfter = functionCpuMs(target.name);
  if (!record.ok) {
    throw new Error(
      `dry-run verification of ${secretId} failed: ${record.errorType}: ${record.errorMessage}`,
    );
  }
  const result = record.result as BoundedResult;
  const returned = result.reports as readonly RunReport[];
  // A report too large for Lambda's response keeps its tasks in the log: read them back from there.
  const reports = result.tasksInLog ? await reportsInLog(target.logFile, record.requestId) : returned;
  if (reports.length !== returned.length)
    throw new Error(
      `the log of ${record.requestId} holds ${reports.length} whole report(s), not ${returned.length}`,
    );
  const byTaskVerdict: Record<string, number> = {};
  for (const report of reports) {
    for (const [verdict, count] of Object.entries(report.totals.byTaskVerdict)) {
      if (count > 0) byTaskVerdict[verdict] = (byTaskVerdict[verdict] ?? 0) + count;
    }
  }
  const taskArns = new Set<string>();
  for (const report of reports)
    for (const service of report.services) for (const task of service.tasks) taskArns.add(task.taskArn);
  return {
    durationMs: Math.round(record.durationMs),
    maxMemoryMB: record.maxMemoryMB,
    cpuMs: cpuAfter === null ? null : Math.round(cpuAfter - cpuBefore),
    tasksVerified: reports.reduce((sum, report) => sum + report.totals.tasks, 0),
    distinctTasks: taskArns.size,
    byTaskVerdict,
  };
}

/** The run reports one invocation logged, rebuilt from its summary and service records. */
async function reportsInLog(logFile: string, requestId: string): Promise<RunReport[]> {
  const records: Record<string, unknown>[] = [];
  const lines = createInterface({ input: createReadStream(logFile), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (!line.startsWith("{") || !line.includes(requestId) || line.includes('"task not current"')) continue;
    const parsed = JSON.parse(line) as Record<string, unknown>;
    if (parsed.function_request_id === requestId) records.push(parsed);
  }
  return reportFromLogRecords(records);
}
