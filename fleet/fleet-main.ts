import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { runFleetCommand } from "./fleet-command.js";
import { startLocalVerifier } from "./lambda/start-local-verifier.js";
import { incident, startIncidentFleet } from "./scenario/incident.js";

/** Where `--invoke` writes the function's output: the stand-in for its CloudWatch log group, emptied at start. */
const functionLogFile = ".fleet/rollout-verifier.log";

/** `npm run fleet -- --help`. */
const help = `Usage: npm run fleet -- [--port N] [--events FILE] [--scenario FILE|incident] [--invoke BUNDLE]
                           [--task-mode in-process|child-process] [--task-start-delay-ms N]

Runs the local fleet in the foreground: loopback stand-ins for ECS and Secrets Manager (real JSON 1.1
protocols, so the AWS SDKs and CLI work with an endpoint setting) whose tasks are real HTTP servers
that read their secrets once, at start. Prints "ready http://127.0.0.1:N"; Ctrl-C stops it cleanly.

  --events FILE     append every EventBridge-shaped event as a JSON line
  --scenario FILE   declarative setup (fleet/scenario/scenario.schema.json)
  --scenario incident
                    start mid-incident: ${incident.secret} rotated while ${incident.optedIn} was deploying,
                    so every task of cluster ${incident.cluster} answers 401; the verifier runs as the
                    shipped cdk.json deploys it (dry run, opt-in tag required), logging to
                    .fleet/rollout-verifier.log; follow docs/operations.md's On-call steps verbatim
  --invoke BUNDLE   route the fleet's events to the bundled verifier Lambda through the stack's
                    EventBridge patterns; its logs and EMF metrics go to .fleet/rollout-verifier.log
                    (emptied at start), served as its CloudWatch log group for rollout-verifier report

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
    functionLogFile: resolve(functionLogFile),
    incident: async (fleetOptions) => {
      const bundle = resolve("dist/handler.mjs");
      if (!existsSync(bundle)) throw new Error("dist/handler.mjs does not exist; run `npm run build` first");
      const started = await startIncidentFleet({ bundlePath: bundle, fleetOptions });
      const endpoint = started.fleet.endpoint;
      const notes = [
        `incident: ${incident.secret} rotated while ${incident.optedIn} was deploying; every task of ${incident.cluster} holds the old key.`,
        "The verifier (dry run, opt-in tag required, as the shipped cdk.json) has logged its run. In another terminal:",
        `  export AWS_ENDPOINT_URL=${endpoint} AWS_REGION=eu-west-1 AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x`,
        `  pbpaste() { cat ${started.files.failingToken}; }   # the token a client sent (step 1's clipboard)`,
        "then follow docs/operations.md, On call, from step 0.",
        "",
      ].join("\n");
      return { fleet: started.fleet, notes, stop: started.stop };
    },
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
