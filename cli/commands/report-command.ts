import { parseArgs } from "node:util";
import type { RunReport } from "../../lambda/core/report/report.js";
import { latestPerSecret, latestState, readLoggedReports } from "../logs/logged-reports.js";
import { renderRunReport } from "../render/render-run-report.js";
import { createStyle } from "../render/style.js";
import { awsOptions, awsTarget, type CliDeps } from "./cli-deps.js";
import { type CliIo, ExitCode, writeLine } from "./cli-io.js";
import { verifyExitCode } from "./judge-run.js";
import { jsonOutput, outputOptions, parseUsage } from "./parse-usage.js";
import { UsageError } from "./usage-error.js";

/** The stack `npx cdk deploy` creates (bin/app.ts); its `LogGroupName` output names the log group. */
export const defaultStackName = "EcsRolloutVerifier";

const options = {
  stack: { type: "string" },
  "log-group": { type: "string" },
  "secret-id": { type: "string" },
  service: { type: "string" },
  since: { type: "string" },
  until: { type: "string" },
  runs: { type: "string" },
  all: { type: "boolean" },
  ...outputOptions,
  ...awsOptions,
} as const;

/**
 * `report [--stack NAME | --log-group NAME] [--secret-id ID] [--service NAME] [--since T]`: what the
 * deployed verifier already found. Reads the function's latest run over the whole secret (and the
 * single-service runs after it) from its CloudWatch log
 * group (the stack's `LogGroupName` output, or `--log-group`), rebuilds each exactly as the handler
 * returned it, and renders it as `verify` renders a live run. Read-only: two read calls
 * (cloudformation:DescribeStacks, logs:FilterLogEvents). Exit codes as `verify`'s for the latest
 * report of each secret; 4 when the range holds no report.
 */
export async function runReportCommand(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<ExitCode> {
  const { values } = parseUsage(
    "report",
    () => parseArgs({ args: [...argv], options, strict: true }),
    Object.keys(options),
  );
  if (values.stack !== undefined && values["log-group"] !== undefined)
    throw new UsageError(
      "report",
      "Give --stack or --log-group, not both. See: rollout-verifier report --help",
    );
  const json = jsonOutput("report", values);
  const now = deps.now();
  const since = pointInTime("since", values.since ?? "24h", now);
  const until = values.until === undefined ? undefined : pointInTime("until", values.until, now);
  const runs = values.runs === undefined ? 1 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new UsageError(
      "report",
      `--runs takes a whole number > 0, got "${values.runs}". See: rollout-verifier report --help`,
    );
  if (!deps.logs) throw new UsageError("report", "CloudWatch Logs is not available in this build.");
  const { logs, stacks } = await deps.logs(awsTarget(values));
  const stackName = values.stack ?? defaultStackName;
  const logGroupName = values["log-group"] ?? (await stacks.outputs(stackName)).LogGroupName;
  if (logGroupName === undefined)
    throw new UsageError(
      "report",
      `Stack ${stackName} has no LogGroupName output: pass --log-group, or deploy the stack again. See: rollout-verifier report --help`,
    );
  const found = await readLoggedReports(logs, {
    logGroupName,
    since,
    ...(until === undefined ? {} : { until }),
    ...(values["secret-id"] === undefined ? {} : { secretId: values["secret-id"] }),
    ...(values.service === undefined ? {} : { service: values.service }),
  });
  const reports = latestPerSecret(found, runs);
  if (json) writeLine(io.stdout, JSON.stringify(reports, null, 2));
  if (reports.length === 0) {
    const what = [values["secret-id"], values.service].filter((part) => part !== undefined).join(", ");
    writeLine(
      io.stderr,
      `No run report${what ? ` for ${what}` : ""} in ${logGroupName} since ${since.toISOString()}. Widen --since (e.g. --since 7d), or check --secret-id and --service.`,
    );
    return ExitCode.NoConsumers;
  }
  if (!json) {
    const style = createStyle(io.stdout, io.env);
    const width = columnsOf(io);
    const text = reports
      .map((report) =>
        renderRunReport(
          narrowTo(report, values.service),
          { noProbe: false, logged: true, all: values.all === true, ...(width ? { width } : {}) },
          style,
        ),
      )
      .join("\n");
    io.stdout.write(text);
  }
  // The exit code is each secret's latest state: 0 only when every service's newest verdict is converged.
  const secrets = [...new Set(reports.map((report) => report.secretArn))];
  const states = secrets.map((arn) => latestState(reports.filter((report) => report.secretArn === arn)));
  return states.some(
    (state) => state === undefined || verifyExitCode(narrowTo(state, values.service)) !== ExitCode.Ok,
  )
    ? ExitCode.Findings
    : ExitCode.Ok;
}

/** The report with only `service` among its services (text only: `--output json` prints it whole). */
function narrowTo(report: RunReport, service: string | undefined): RunReport {
  if (service === undefined) return report;
  return { ...report, services: report.services.filter((entry) => entry.service === service) };
}

/** `30m`, `6h`, `2d` before now, or an ISO-8601 time. */
export function pointInTime(name: string, text: string, now: Date): Date {
  const relative = /^(\d+)([smhd])$/.exec(text);
  if (relative) {
    const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as "s" | "m" | "h" | "d"];
    return new Date(now.getTime() - Number(relative[1]) * unit);
  }
  const time = Date.parse(text);
  if (Number.isNaN(time))
    throw new UsageError(
      "report",
      `--${name} takes a duration before now (30m, 6h, 2d) or an ISO time, got "${text}". See: rollout-verifier report --help`,
    );
  return new Date(time);
}

/** The terminal's width when stdout is one (`process.stdout.columns`), else none: pipes get whole lines. */
export function columnsOf(io: CliIo): number | undefined {
  const columns = (io.stdout as { columns?: unknown }).columns;
  return io.stdout.isTTY === true && typeof columns === "number" && columns > 0 ? columns : undefined;
}
