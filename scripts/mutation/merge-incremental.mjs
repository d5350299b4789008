// node scripts/mutation/merge-incremental.mjs <base.json> <first-pass.json> <out.json>
// Adds a first pass's results (a Stryker incremental report of other files, docs/mutation-testing.md
// "First runs of a large folder") to the committed one. Only Killed and Timeout results of the first
// pass are kept: its survivors are tested again by the real config. Tests are matched by file and
// name; the first pass's test and mutant ids are renumbered so they never collide with the base's.
import { readFileSync, writeFileSync } from "node:fs";

const [basePath, passPath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error("usage: merge-incremental.mjs <base.json> <first-pass.json> <out.json>");
  process.exit(2);
}
const base = JSON.parse(readFileSync(basePath, "utf8"));
const pass = JSON.parse(readFileSync(passPath, "utf8"));

const idOf = new Map();
let nextTestId = 0;
for (const [file, tests] of Object.entries(base.testFiles)) {
  for (const test of tests.tests) {
    idOf.set(`${file}\0${test.name}`, test.id);
    nextTestId = Math.max(nextTestId, Number(test.id) + 1);
  }
}

const passIdToId = new Map();
const testFiles = { ...base.testFiles };
for (const [file, tests] of Object.entries(pass.testFiles)) {
  const renumbered = tests.tests.map((test) => {
    const key = `${file}\0${test.name}`;
    if (!idOf.has(key)) idOf.set(key, String(nextTestId++));
    passIdToId.set(test.id, idOf.get(key));
    return { ...test, id: idOf.get(key) };
  });
  const names = new Set(renumbered.map((test) => test.name));
  const kept = (base.testFiles[file]?.tests ?? []).filter((test) => !names.has(test.name));
  testFiles[file] = { ...tests, tests: [...kept, ...renumbered] };
}

const mapTests = (ids) =>
  ids?.map((id) => {
    const mapped = passIdToId.get(id);
    if (mapped === undefined) throw new Error(`first pass names test id ${id}, which it does not list`);
    return mapped;
  });
let nextMutantId = 0;
for (const file of Object.values(base.files))
  for (const mutant of file.mutants) nextMutantId = Math.max(nextMutantId, Number(mutant.id) + 1);

const files = { ...base.files };
let kept = 0;
for (const [path, file] of Object.entries(pass.files)) {
  const mutants = file.mutants
    .filter((mutant) => ["Killed", "Timeout", "CompileError", "Ignored"].includes(mutant.status))
    .map((mutant) => ({
      ...mutant,
      id: String(nextMutantId++),
      ...(mutant.killedBy ? { killedBy: mapTests(mutant.killedBy) } : {}),
      ...(mutant.coveredBy ? { coveredBy: mapTests(mutant.coveredBy) } : {}),
    }));
  kept += mutants.length;
  files[path] = { ...file, mutants };
}
writeFileSync(outPath, JSON.stringify({ ...base, files, testFiles }));
console.log(`${kept} first-pass results kept in ${Object.keys(pass.files).length} files`);
