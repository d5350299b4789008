import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CliDeps } from "../cli/commands/cli-deps.js";
import type { CliIo } from "../cli/commands/cli-io.js";
import { createCliDeps } from "../cli/commands/create-cli-deps.js";
import { dispatchCommand } from "../cli/commands/dispatch-command.js";
import { endOnClosedPipe } from "../cli/commands/end-on-closed-pipe.js";

/**
 * The operator CLI: a second composition root beside the Lambda handler, on the same engine and
 * adapters. Runs in-process (tests call it with buffers) and returns the exit code; never throws.
 */
export function runCli(argv: readonly string[], io: CliIo, deps: CliDeps = createCliDeps()): Promise<number> {
  return dispatchCommand(argv, io, deps);
}

function invokedDirectly(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  endOnClosedPipe(process, (code) => process.exit(code));
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  };
  process.exitCode = await runCli(process.argv.slice(2), io);
}
