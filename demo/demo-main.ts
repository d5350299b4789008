import { runDemo } from "./run-demo.js";

/**
 * `npm run demo -- [--fast] [--out DIR]`: a development entry point (the operator CLI does not ship
 * it). Runs a rotation end to end on the local fleet; `npm run demo` builds the bundle first.
 */
const help = `Usage: npm run demo -- [--fast] [--out DIR]

Runs a rotation end to end on the local fleet: a rotation races a rolling deployment, the bundled
Lambda finds the stale tasks, forces deployments, re-verifies, and the fleet converges. The deployment
gate then rolls back a revision pinned to the old key. Writes the reports, the function's log and the
events to DIR (default .demo/).
`;

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) process.stdout.write(help);
else
  process.exitCode = await runDemo(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  });
