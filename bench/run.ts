import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { formatBenchTable } from "./format-bench-table.js";
import { fullSizes, quickSizes, runBench } from "./run-bench.js";

/**
 * `npm run bench [-- --quick] [-- --out path]`: runs the benchmarks, prints the tables, writes the
 * JSON (default `.reports/bench.json`, gitignored). Expects `dist/handler.mjs` (the npm script builds it).
 */
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const outIndex = args.indexOf("--out");
const outFile = resolve(outIndex >= 0 ? (args[outIndex + 1] ?? "") : ".reports/bench.json");

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
// The local Lambda forks its runtime with this process's execArgv, which under tsx loads tsx into
// the function's process too (about 230 MB more Max Memory Used). Lambda runs the bundle on bare node.
process.execArgv = [];
const results = await runBench(quick ? quickSizes : fullSizes, quick);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(formatBenchTable(results));
console.log(`\nresults written to ${outFile}`);
