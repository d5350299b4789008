import { parseArgs } from "node:util";
import { readConfig } from "../../lambda/config.js";
import { handleEvent } from "../../lambda/core/handle-event.js";
import type { RunReport } from "../../lambda/core/report/report.js";
import { renderRunReport } from "../render/render-run-report.js";
import { createStyle } from "../render/style.js";
import { awsOptions, awsTarget, type CliDeps } from "./cli-deps.js";
import { type CliIo, ExitCode, writeLine } from "./cli-io.js";
import { parseUsage, requireOption } from "./parse-usage.js";
import { createSkipProbePort } from "./skip-probe-port.js";

const silentLog = { info: () => {}, error: () => {} };

/**
 * `verify --secret-id ID [--cluster NAME]... [--redeploy] [--no-probe] [--json]`: the Lambda's own
 * path for a direct invocation `{ secretId, clusters, dryRun }` (parse, route, engine), with the
 * caller's credentials. Configuration comes from the same `VERIFIER_*` variables the Lambda reads.
 * Exit 0 when every service converged and there is no security finding, else 1.
 */
export async function runVerifyCommand(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<ExitCode> {
  const { values } = parseUsage("verify", () =>
    parseArgs({
      args: [...argv],
      options: {
        "secret-id": { type: "string" },
        cluster: { type: "string", multiple: true },
        redeploy: { type: "boolean" },
        "no-probe": { type: "boolean" },
        json: { type: "boolean" },
        ...awsOptions,
      },
      strict: true,
    }),
  );
  const secretId = requireOption("verify", "secret-id", values["secret-id"]);
  const noProbe = values["no-probe"] === true;
  const config = { ...readConfig(io.env), ...(noProbe ? { securityProbes: false } : {}) };
  const ports = await deps.engine(awsTarget(values));
  const event = {
    secretId,
    ...(values.cluster === undefined ? {} : { clusters: values.cluster }),
    dryRun: values.redeploy !== true,
  };
  const result = await handleEvent(event, {
    ...ports,
    ...(noProbe ? { probe: createSkipProbePort() } : {}),
    clock: { now: deps.now },
    newId: deps.newId,
    config,
    log: silentLog,
    publish: () => {},
  });
  const report = result.reports[0];
  if (report === undefined) {
    writeLine(
      io.stderr,
      `Nothing was verified for ${secretId}: ${result.outcome === "ignored" ? result.reason : "no report"}.`,
    );
    return ExitCode.Usage;
  }
  if (values.json === true) writeLine(io.stdout, JSON.stringify(report, null, 2));
  else io.stdout.write(renderRunReport(report, { noProbe }, createStyle(io.stdout, io.env)));
  return verifyExitCode(report);
}

/** 0 all current, 4 nothing reads the secret where we looked, else 1. */
export function verifyExitCode(report: RunReport): ExitCode {
  if (report.services.length === 0) return ExitCode.NoConsumers;
  return isAllCurrent(report) ? ExitCode.Ok : ExitCode.Findings;
}

/** Every service converged and no negative probe was accepted. */
export function isAllCurrent(report: RunReport): boolean {
  return (
    report.securityFindings.length === 0 &&
    report.services.every((service) => service.verdict === "converged")
  );
}
