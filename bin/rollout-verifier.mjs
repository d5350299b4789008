#!/usr/bin/env node
// The package's `rollout-verifier` bin: runs bin/cli.ts through tsx (`node --import tsx`), so the
// installed command and `npm run cli --` behave the same. tsx is resolved from this package, not
// from the caller's working directory. Signals are passed on, so stopping the launcher stops the
// command it runs (a `verify --wait`, a `decode` waiting on stdin) too.
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("./cli.ts", import.meta.url));
const tsx = import.meta.resolve("tsx");
const child = spawn(process.execPath, ["--import", tsx, cli, ...process.argv.slice(2)], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("error", (error) => {
  process.stderr.write(`rollout-verifier: cannot start node with tsx: ${error.message}\n`);
  process.exitCode = 1;
});
// A child ended by a signal exits as a shell reports it: 128 + the signal number (141 for SIGPIPE).
child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 0);
});
