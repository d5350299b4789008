import { parseArgs } from "node:util";
import { diagnosisJson, renderDiagnosis } from "../render/render-diagnosis.js";
import { createStyle } from "../render/style.js";
import { decodeToken } from "../token/decode-token.js";
import { diagnoseToken } from "../token/diagnose-token.js";
import { undecodableInput } from "../token/redact-token.js";
import { warnToken } from "../token/token-warnings.js";
import { awsOptions, awsTarget, type CliDeps } from "./cli-deps.js";
import { type CliIo, ExitCode, writeLine } from "./cli-io.js";
import { loadVersionMaterials } from "./load-version-materials.js";
import { jsonOutput, outputOptions, parseUsage, requireOption } from "./parse-usage.js";
import { readTokenInput } from "./read-token-input.js";

/**
 * `diagnose --secret-id ID [TOKEN]`: which labelled version signed the token, and the likely root
 * cause. Exit 0 when AWSCURRENT signed it and nothing else is wrong, 1 otherwise.
 */
export async function runDiagnoseCommand(
  argv: readonly string[],
  io: CliIo,
  deps: CliDeps,
): Promise<ExitCode> {
  const { values, positionals } = parseUsage(
    "diagnose",
    () =>
      parseArgs({
        args: [...argv],
        options: {
          "secret-id": { type: "string" },
          issuer: { type: "string" },
          audience: { type: "string" },
          "json-key": { type: "string" },
          ...outputOptions,
          ...awsOptions,
        },
        allowPositionals: true,
        strict: true,
      }),
    ["secret-id", "issuer", "audience", "json-key", "json", "output", "profile", "region"],
  );
  const json = jsonOutput("diagnose", values);
  const secretId = requireOption("diagnose", "secret-id", values["secret-id"]);
  const raw = await readTokenInput(positionals[0], io);
  const decoded = decodeToken(raw);
  if (!decoded.ok) {
    writeLine(io.stderr, undecodableInput(raw, decoded.message));
    return ExitCode.Usage;
  }
  const now = deps.now();
  const { description, versions } = await loadVersionMaterials(
    await deps.secrets(awsTarget(values)),
    secretId,
    values["json-key"],
  );
  const expect = {
    ...(values.issuer === undefined ? {} : { issuer: values.issuer }),
    ...(values.audience === undefined ? {} : { audience: values.audience }),
  };
  const diagnosis = await diagnoseToken(decoded.token, versions, { secretId, expect, now });
  const view = {
    token: decoded.token,
    warnings: warnToken(decoded.token, now),
    secret: { arn: description.arn, name: description.name },
    versions,
    diagnosis,
  };
  if (json) writeLine(io.stdout, JSON.stringify(diagnosisJson(view), null, 2));
  else io.stdout.write(renderDiagnosis(view, createStyle(io.stdout, io.env)));
  return diagnosis.healthy ? ExitCode.Ok : ExitCode.Findings;
}
