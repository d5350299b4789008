import { execFile } from "node:child_process";
import { statSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { bundlePath } from "./bench-lambda.js";
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

/** `runs` fresh processes importing the bundle, alternating with bare `node` processes. */
export async function benchColdStart(runs: number): Promise<ColdStartResult> {
  const url = pathToFileURL(bundlePath).href;
  const imports: number[] = [];
  const withBundle: number[] = [];
  const bare: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", importScript, url], {
      env: childEnv,
      timeout: 30_000,
    });
    withBundle.push(performance.now() - started);
    imports.push(Number(stdout));
    const bareStarted = performance.now();
    await run(process.execPath, ["-e", ""], { env: childEnv, timeout: 30_000 });
    bare.push(performance.now() - bareStarted);
  }
  return {
    runs,
    importMs: summarize(imports),
    processWithBundleMs: summarize(withBundle),
    processBareMs: summarize(bare),
    processRatioVsBare: ratio(summarize(withBundle).median, summarize(bare).median),
    aboveBareMs: Math.round(summarize(withBundle).median - summarize(bare).median),
    bundleKB: Math.round(statSync(bundlePath).size / 1024),
  };
}
