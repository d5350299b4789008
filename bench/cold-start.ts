import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { bundlePath } from "./bench-lambda.js";
import { buildDependencyFloor } from "./build-dependency-floor.js";
import { ratio, type Summary, summarize } from "./stats.js";

const run = promisify(execFile);

/** Time to import the bundle in a fresh `node`, and the bare start-up of `node` for comparison. */
export interface ColdStartResult {
  readonly runs: number;
  /** Measured inside the child around `await import(bundle)`: the module-scope init Lambda bills. */
  readonly importMs: Summary;
  /** Whole `node` process, spawn to exit, importing the bundle. */
  readonly processWithBundleMs: Summary;
  /** Whole `node -e ""` process: the floor the bundle adds to. */
  readonly processBareMs: Summary;
  /** Median process importing the bundle / median bare process: comparable across noisy runs. */
  readonly processRatioVsBare: number;
  /** Median process importing the bundle minus median bare process: what the bundle adds, in ms. */
  readonly aboveBareMs: number;
  /** Size of `dist/handler.mjs` in kB (1,024 bytes, as `npm run build` prints it), the file the stack deploys. */
  readonly bundleKB: number;
  /**
   * The pinned dependencies alone (SDK ECS and Secrets Manager clients, Powertools Logger and
   * Metrics, jose), bundled like the handler and built at module scope as the handler builds them:
   * the part of the cold start no code of ours can remove.
   */
  readonly dependencyFloor: {
    readonly bundleKB: number;
    readonly processMs: Summary;
    /** Median floor process minus median bare process. */
    readonly aboveBareMs: number;
  };
  /** Median process importing the handler minus median floor process: what the verifier's own code (and zod) adds. */
  readonly aboveFloorMs: number;
}

/** The child's script: import the bundle, print how long it took; a missing `handler` export is a failure. */
const importScript = `
const started = performance.now();
const bundle = await import(process.argv[1]);
if (typeof bundle.handler !== "function") throw new Error("bundle exports no handler");
process.stdout.write(String(performance.now() - started));
`;

/** Environment of the fresh process: a region (the bundle builds clients at module scope), nothing else. */
const childEnv = {
  PATH: process.env.PATH ?? "",
  AWS_REGION: "eu-west-1",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

/**
 * `runs` rounds of three fresh processes, interleaved so they share the machine's load: one importing
 * the bundle, one importing the dependency floor, one bare `node`.
 */
export async function benchColdStart(runs: number): Promise<ColdStartResult> {
  const floorDir = mkdtempSync(join(tmpdir(), "rollout-verifier-floor-"));
  try {
    const floor = await buildDependencyFloor(floorDir);
    const url = pathToFileURL(bundlePath).href;
    const imports: number[] = [];
    const withBundle: number[] = [];
    const withFloor: number[] = [];
    const bare: number[] = [];
    for (let index = 0; index < runs; index += 1) {
      const bundle = await timeProcess(["--input-type=module", "-e", importScript, url]);
      withBundle.push(bundle.ms);
      imports.push(Number(bundle.stdout));
      withFloor.push(
        (await timeProcess(["--input-type=module", "-e", importScript, pathToFileURL(floor.path).href])).ms,
      );
      bare.push((await timeProcess(["-e", ""])).ms);
    }
    return summarizeColdStart(runs, { imports, withBundle, withFloor, bare }, floor.bytes);
  } finally {
    rmSync(floorDir, { recursive: true, force: true });
  }
}

async function timeProcess(args: readonly string[]): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, [...args], { env: childEnv, timeout: 30_000 });
  return { ms: performance.now() - started, stdout };
}

function summarizeColdStart(
  runs: number,
  samples: { imports: number[]; withBundle: number[]; withFloor: number[]; bare: number[] },
  floorBytes: number,
): ColdStartResult {
  const { imports, withBundle, withFloor, bare } = samples;
  const floorMs = summarize(withFloor);
  return {
    runs,
    importMs: summarize(imports),
    processWithBundleMs: summarize(withBundle),
    processBareMs: summarize(bare),
    processRatioVsBare: ratio(summarize(withBundle).median, summarize(bare).median),
    aboveBareMs: Math.round(summarize(withBundle).median - summarize(bare).median),
    bundleKB: Math.round(statSync(bundlePath).size / 1024),
    dependencyFloor: {
      bundleKB: Math.round(floorBytes / 1024),
      processMs: floorMs,
      aboveBareMs: Math.round(floorMs.median - summarize(bare).median),
    },
    aboveFloorMs: Math.round(summarize(withBundle).median - floorMs.median),
  };
}
