import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { CliIo } from "../cli/commands/cli-io.js";

/** Where `fleet --invoke` writes the function's output: the stand-in for its CloudWatch log group, emptied at start. */
const functionLogFile = ".fleet/rollout-verifier.log";

/**
 * `fleet [--invoke BUNDLE]`: the local fleet in the foreground. With `--invoke`, the bundled verifier
 * Lambda receives the fleet's events through the stack's EventBridge patterns, as it would in AWS.
 * Loaded on first use so `decode` and `--help` never pay for the fleet's imports.
 */
export async function runFleetCliCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { runFleetCommand } = await import("./fleet-command.js");
  const { startLocalVerifier } = await import("./lambda/start-local-verifier.js");
  return runFleetCommand(argv, {
    stdout: io.stdout,
    stderr: io.stderr,
    invoke: async (bundle, fleet) => {
      if (!existsSync(bundle)) throw new Error(`${bundle} does not exist; run \`npm run build\` first`);
      const logFile = resolve(functionLogFile);
      mkdirSync(resolve(".fleet"), { recursive: true });
      // A fresh fleet holds none of the earlier fleets' secrets or clusters: start the log empty so
      // that it holds this fleet's runs only.
      writeFileSync(logFile, "");
      const verifier = startLocalVerifier(fleet, { bundlePath: resolve(bundle), logFile });
      io.stdout.write(
        `verifier ${bundle} subscribed to the fleet's events; its logs and metrics go to ${logFile} (emptied at start)\n`,
      );
      return () => verifier.stop();
    },
  });
}

/** `demo`: see `demo/run-demo.ts`. */
export async function runDemoCliCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { runDemo } = await import("../demo/run-demo.js");
  return runDemo(argv, io);
}
