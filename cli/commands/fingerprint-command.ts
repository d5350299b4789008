import { parseArgs } from "node:util";
import { fingerprintKey } from "../../lambda/core/probes/keys/key-fingerprint.js";
import { pickMaterial } from "../../lambda/core/probes/keys/signing-key-pick.js";
import { awsOptions, awsTarget, type CliDeps } from "./cli-deps.js";
import { type CliIo, ExitCode, writeLine } from "./cli-io.js";
import { parseUsage, requireOption } from "./parse-usage.js";
import { UsageError } from "./usage-error.js";

/**
 * `fingerprint --secret-id ID [--version-stage S | --version-id V] [--json-key K]`: the same
 * `fingerprintKey` value the Lambda logs, computed on the same material selection (`pickMaterial`).
 */
export async function runFingerprintCommand(
  argv: readonly string[],
  io: CliIo,
  deps: CliDeps,
): Promise<ExitCode> {
  const { values } = parseUsage("fingerprint", () =>
    parseArgs({
      args: [...argv],
      options: {
        "secret-id": { type: "string" },
        "version-stage": { type: "string" },
        "version-id": { type: "string" },
        "json-key": { type: "string" },
        json: { type: "boolean" },
        ...awsOptions,
      },
      strict: true,
    }),
  );
  const secretId = requireOption("fingerprint", "secret-id", values["secret-id"]);
  if (values["version-stage"] !== undefined && values["version-id"] !== undefined) {
    throw new UsageError("fingerprint", "Give --version-stage or --version-id, not both.");
  }
  const version =
    values["version-id"] === undefined
      ? { versionStage: values["version-stage"] ?? "AWSCURRENT" }
      : { versionId: values["version-id"] };
  const value = await (await deps.secrets(awsTarget(values))).getSecretValue(secretId, version);
  const picked = pickMaterial(value.secretString, values["json-key"], secretId);
  const fingerprint = fingerprintKey(picked.material);
  const selector = "versionStage" in version ? version.versionStage : "version-id";
  if (values.json === true) {
    const output = {
      secretArn: value.arn,
      versionId: value.versionId,
      selector,
      jsonKey: values["json-key"] ?? null,
      fingerprint,
    };
    writeLine(io.stdout, JSON.stringify(output, null, 2));
  } else {
    writeLine(
      io.stdout,
      `${fingerprint}  ${value.arn}  ${"versionStage" in version ? `${selector} ` : ""}version ${value.versionId}${values["json-key"] === undefined ? "" : `  json-key ${values["json-key"]}`}`,
    );
  }
  return ExitCode.Ok;
}
