#!/usr/bin/env node
// The package's `rollout-verifier` bin: runs bin/cli.ts through tsx (`node --import tsx`), so the
// installed command and `npm run cli --` behave the same. tsx is resolved from this package, not
// from the caller's working directory.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("./cli.ts", import.meta.url));
const tsx = import.meta.resolve("tsx");
const result = spawnSync(process.execPath, ["--import", tsx, cli, ...process.argv.slice(2)], {
  stdio: "inherit",
});
if (result.error) {
  process.stderr.write(`rollout-verifier: cannot start node with tsx: ${result.error.message}\n`);
}
process.exitCode = result.status ?? 1;
