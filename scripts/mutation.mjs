// `npm run mutation`: Stryker over the decision code (stryker.config.json), then the score per folder.
// Exit code 1 when the score of the whole scope or of any one folder is under the config's
// `thresholds.break` (Stryker checks the whole; this script each folder), or Stryker fails.
//
// Two things differ from `npx stryker run` (docs/mutation-testing.md says why):
// - every Stryker process loads scripts/mutation/typescript-6/register.js, so Stryker's own `typescript`
//   imports get TypeScript 6 while the project's typescript (and the checker's compiler) stays 7;
// - Stryker is started through its API, not its CLI: Stryker 10's CLI refuses Node 20, which this
//   project runs on (engines >=20), and the API runs on it (checked by the runs recorded in the docs).
import { createRequire } from "node:module";
import { dirname, relative } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const register = require.resolve("mutation-typescript-6/register");
process.env.NODE_OPTIONS =
  `${process.env.NODE_OPTIONS ?? ""} --import=${pathToFileURL(register).href}`.trim();
await import(pathToFileURL(register).href);

const coreRoot = dirname(require.resolve("@stryker-mutator/core/package.json"));
const { Stryker } = await import(pathToFileURL(`${coreRoot}/dist/src/stryker.js`).href);

const started = Date.now();
let results;
try {
  // `npm run mutation -- other.config.json` runs another config (a narrower `mutate`, say).
  const configFile = process.argv[2];
  results = await new Stryker(configFile ? { configFile } : {}).runMutationTest();
} catch (error) {
  console.error(error);
  process.exit(2);
}

/** The folder a mutant's file counts under: lambda/core/<stage>, lib/policy (the builder included). */
function folderOf(fileName) {
  const path = relative(process.cwd(), fileName).replaceAll("\\", "/");
  if (path === "lib/verifier-policy.ts") return "lib/policy";
  const core = /^lambda\/core\/([^/]+)\//.exec(path);
  return core ? `lambda/core/${core[1]}` : dirname(path);
}

// The committed incremental file must not name this machine's checkout (the repository is
// self-contained): Stryker matches mutants by relative file names, so its root is recorded as ".".
{
  const { readFileSync, writeFileSync, existsSync } = await import("node:fs");
  const incremental = "reports/stryker-incremental.json";
  if (existsSync(incremental)) {
    const text = readFileSync(incremental, "utf8");
    writeFileSync(incremental, text.replace(/"projectRoot":\s*"[^"]*"/, '"projectRoot": "."'));
  }
}

const folders = new Map();
for (const mutant of results) {
  const folder = folderOf(mutant.fileName);
  const counts = folders.get(folder) ?? {};
  counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  folders.set(folder, counts);
}

const detected = (c) => (c.Killed ?? 0) + (c.Timeout ?? 0);
const valid = (c) => detected(c) + (c.Survived ?? 0) + (c.NoCoverage ?? 0);
const pct = (c) => (valid(c) === 0 ? "n/a" : `${((100 * detected(c)) / valid(c)).toFixed(2)}%`);
const total = {};
const rows = [...folders].sort(([a], [b]) => a.localeCompare(b));
console.log("\nMutation score per folder (killed + timeout) / (killed + timeout + survived + no coverage):");
console.log(
  "(ignored: mutants of a mutator the config excludes, StringLiteral; see docs/mutation-testing.md)",
);
console.log(
  `${"folder".padEnd(28)} ${"score".padStart(8)} ${"killed".padStart(7)} ${"timeout".padStart(8)} ${"survived".padStart(9)} ${"nocov".padStart(6)} ${"compile".padStart(8)} ${"ignored".padStart(7)}`,
);
for (const [folder, c] of [...rows, ["all", total]]) {
  if (folder !== "all") for (const [status, n] of Object.entries(c)) total[status] = (total[status] ?? 0) + n;
  console.log(
    `${folder.padEnd(28)} ${pct(c).padStart(8)} ${String(c.Killed ?? 0).padStart(7)} ${String(c.Timeout ?? 0).padStart(8)} ${String(c.Survived ?? 0).padStart(9)} ${String(c.NoCoverage ?? 0).padStart(6)} ${String(c.CompileError ?? 0).padStart(8)} ${String(c.Ignored ?? 0).padStart(7)}`,
  );
}
console.log(`mutants: ${results.length}, run took ${Math.round((Date.now() - started) / 1000)} s`);

// Stryker's `break` judges the whole scope; a weak folder could hide behind strong ones, so each
// folder is held to it too.
const { readFileSync } = await import("node:fs");
const configPath = process.argv[2] ?? "stryker.config.json";
const breakAt = JSON.parse(readFileSync(configPath, "utf8")).thresholds?.break;
if (typeof breakAt === "number") {
  const below = rows.filter(([, c]) => valid(c) > 0 && (100 * detected(c)) / valid(c) < breakAt);
  for (const [folder, c] of below)
    console.error(`${folder}: ${pct(c)} is under the break threshold of ${breakAt}%`);
  if (below.length > 0) process.exitCode = 1;
}
