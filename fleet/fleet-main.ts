import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { runFleetCommand } from "./fleet-command.js";
import { startLocalVerifier } from "./lambda/start-local-verifier.js";

/** Where `--invoke` writes the function's output: the stand-in for its CloudWatch log group, emptied at start. */
const functionLogFile = ".fleet/rollout-verifier.log";

/** `npm run fleet -- --help`. */
const help = `Usage: npm run fleet -- [--port N] [--events FILE] [--scenario FILE] [--invoke BUNDLE]
                           [--task-mode in-process|child-process] [--task-start-delay-ms N]

Runs the local fleet in the foreground: loopback stand-ins for ECS and Secrets Manager (real JSON 1.1
protocols, so the AWS SDKs and CLI work with an endpoint setting) whose tasks are real HTTP servers
that read their secrets once, at start. Prints "ready http://127.0.0.1:N"; Ctrl-C stops it cleanly.

  --events FILE     append every EventBridge-shaped event as a JSON line
  --scenario FILE   declarative setup (fleet/scenario/scenario.schema.json)
  --invoke BUNDLE   route the fleet's events to the bundled verifier Lambda through the stack's
                    EventBridge patterns; its logs and EMF metrics go to .fleet/rollout-verifier.log
                    (emptied at start)

Example:
  npm run build && npm run fleet -- --port 4566 --invoke dist/handler.mjs
  aws --endpoint-url http://127.0.0.1:4566 secretsmanager list-secrets
`;

/**
 * `npm run fleet -- [--port N] [--invoke BUNDLE] ...`: the local fleet in the foreground, a
 * development entry point (the operator CLI does not ship it). With `--invoke`, the bundled
 * verifier Lambda receives the fleet's events through the stack's EventBridge patterns, as it would
 * in AWS. Stops cleanly on SIGINT/SIGTERM.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) process.stdout.write(help);
else
  process.exitCode = await runFleetCommand(argv, {
    invoke: async (bundle, fleet) => {
      if (!existsSync(bundle)) throw new Error(`${bundle} does not exist; run \`npm run build\` first`);
      const logFile = resolve(functionLogFile);
      mkdirSync(resolve(".fleet"), { recursive: true });
      // A fresh fleet holds none of the earlier fleets' secrets or clusters: start the log empty so
      // that it holds this fleet's runs only.
      writeFileSync(logFile, "");
      const verifier = startLocalVerifier(fleet, { bundlePath: resolve(bundle), logFile });
      process.stdout.write(
        `verifier ${bundle} subscribed to the fleet's events; its logs and metrics go to ${logFile} (emptied at start)\n`,
      );
      return () => verifier.stop();
    },
  });
