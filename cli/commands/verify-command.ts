import type { EngineDeps } from "../../lambda/core/invocation-deps.js";
import type { RunReport } from "../../lambda/core/report/report.js";
import { AwsCallError } from "../../lambda/errors.js";
import { nextCommand, renderRunReport } from "../render/render-run-report.js";
import { renderStateChanges, type ServiceStates } from "../render/render-service-states.js";
import { createStyle } from "../render/style.js";
import type { CliDeps } from "./cli-deps.js";
import { type CliIo, ExitCode, writeLine } from "./cli-io.js";
import { stuckServices, verifyExitCode } from "./judge-run.js";
import { createProgress } from "./progress-ports.js";
import { describeRedeployPolicy } from "./redeploy-policy.js";
import { columnsOf } from "./report-command.js";
import { createSkipProbePort } from "./skip-probe-port.js";
import { verifyOnce } from "./verify-once.js";
import { parseVerifyOptions, type VerifyOptions } from "./verify-options.js";
import { type WaitOutcome, waitForConvergence } from "./wait-for-convergence.js";

/**
 * `verify --secret-id ID [--cluster NAME]... [--service NAME] [--redeploy] [--wait] ...`: the
 * Lambda's own engine for a direct invocation, with the caller's credentials. Configuration comes
 * from the same `VERIFIER_*` variables the Lambda reads. `--redeploy` forces only services carrying
 * the stack's opt-in tag unless a flag says otherwise. `--wait` forces at most once (first run),
 * then polls read-only until the fleet converges, fails, or `--timeout` runs out.
 */
export async function runVerifyCommand(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<ExitCode> {
  const options = parseVerifyOptions(argv, io.env);
  const deadline =
    options.timeoutMs === undefined ? undefined : new Date(deps.now().getTime() + options.timeoutMs);
  const ports = await deps.engine(options.target, deadline);
  const { issuer, ...rest } = ports;
  // --no-probe sends nothing to any task: no verifier probe, no issuer probe.
  const base = options.noProbe
    ? { ...rest, probe: createSkipProbePort() }
    : { ...rest, ...(issuer === undefined ? {} : { issuer }) };
  const run = async (dryRun: boolean): Promise<RunReport> => {
    const progress = createProgress(io.stderr, io.env, deps.now, `verifying ${options.secretId}`);
    const engine: EngineDeps = {
      ...progress.wrap(base),
      clock: { now: deps.now },
      newId: deps.newId,
      ...(deadline ? { deadline } : {}),
    };
    try {
      return await verifyOnce(options, dryRun, engine);
    } finally {
      progress.done();
    }
  };
  if (options.redeploy && options.policy.source === "flag")
    writeLine(io.stderr, `--redeploy forces ${describeRedeployPolicy(options.policy)}.`);
  let first: RunReport;
  try {
    first = await run(!options.redeploy);
  } catch (error) {
    if (!isMissingService(error, options)) throw error;
    const where = options.clusters?.join(", ") ?? "the searched clusters";
    writeLine(
      io.stderr,
      `No service ${options.service} in ${where}: nothing reads ${options.secretId} there. Check --service and --cluster (a typo looks like this).`,
    );
    return ExitCode.NoConsumers;
  }
  const { report, outcome, polls } = options.wait
    ? await waitFor(first, options, io, deps, () => run(true), deadline ?? deps.now())
    : { report: first, outcome: undefined, polls: 0 };
  const width = columnsOf(io);
  if (options.json) writeLine(io.stdout, JSON.stringify(report, null, 2));
  else
    io.stdout.write(
      renderRunReport(
        report,
        {
          noProbe: options.noProbe,
          policy: options.policy,
          waitedAfterRedeploy: options.wait && options.redeploy && polls > 0,
          all: options.all,
          ...(width === undefined ? {} : { width }),
        },
        createStyle(io.stdout, io.env),
      ),
    );
  if (outcome === "timed-out") {
    writeLine(
      io.stderr,
      `Timed out after ${Math.round((options.timeoutMs ?? 0) / 1000)} s with deployments still rolling: run the same command again to keep waiting (exit 5).`,
    );
    listStuck(report, io);
    return ExitCode.StillMoving;
  }
  if (outcome === "settled") {
    const stuck = listStuck(report, io);
    writeLine(
      io.stderr,
      `--wait: ${polls === 0 ? "nothing was rolling" : `polled ${polls} time(s) until nothing else could move`}; ${stuck} service(s) above need an operator (exit 1).`,
    );
    return ExitCode.Findings;
  }
  return verifyExitCode(report);
}

/** `--wait`: prints each service's state to stderr whenever it changes, until a final state. */
async function waitFor(
  first: RunReport,
  options: VerifyOptions,
  io: CliIo,
  deps: CliDeps,
  poll: () => Promise<RunReport>,
  deadline: Date,
): Promise<{ report: RunReport; outcome: WaitOutcome; polls: number }> {
  const style = createStyle(io.stderr, io.env);
  const states: ServiceStates = new Map();
  return waitForConvergence(first, {
    poll,
    now: deps.now,
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    deadline,
    intervalMs: options.intervalMs,
    onReport: (report) => {
      for (const line of renderStateChanges(report, states, deps.now(), style)) writeLine(io.stderr, line);
    },
  });
}

/** After `--wait`: each service that cannot move by itself, with the command that acts on it. */
function listStuck(report: RunReport, io: CliIo): number {
  const stuck = stuckServices(report);
  if (stuck.length === 0 && report.securityFindings.length === 0) return 0;
  writeLine(io.stderr, "Needs an operator (waiting will not change these):");
  for (const service of stuck) {
    const next = nextCommand(service, report, false);
    writeLine(
      io.stderr,
      `  ${service.cluster} / ${service.service}  ${service.verdict.toUpperCase()}  ${service.reason}${next ? `\n    Next: ${next}` : ""}`,
    );
  }
  if (report.securityFindings.length > 0)
    writeLine(io.stderr, `  ${report.securityFindings.length} security finding(s): see CRITICAL above.`);
  return stuck.length;
}

/** ECS answers ListTasks for a service name that does not exist with ServiceNotFoundException. */
function isMissingService(error: unknown, options: VerifyOptions): boolean {
  return (
    options.service !== undefined &&
    error instanceof AwsCallError &&
    error.awsErrorName === "ServiceNotFoundException"
  );
}
