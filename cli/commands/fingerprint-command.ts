import { parseArgs } from "node:util";
import type { SecretsPort } from "../../lambda/core/ports.js";
import { fingerprintKey } from "../../lambda/core/probes/keys/key-fingerprint.js";
import { pickMaterial } from "../../lambda/core/probes/keys/signing-key-pick.js";
import { awsOptions, awsTarget, type CliDeps } from "./cli-deps.js";
import { type CliIo, ExitCode, writeLine } from "./cli-io.js";
import { jsonOutput, outputOptions, parseUsage, requireOption } from "./parse-usage.js";
import { StageNotFoundError, UsageError } from "./usage-error.js";

/**
 * `fingerprint --secret-id ID [--version-stage S | --version-id V] [--json-key K]`: the same
 * `fingerprintKey` value the Lambda logs, computed on the same material selection (`pickMaterial`).
 */
export async function runFingerprintCommand(
  argv: readonly string[],
  io: CliIo,
  deps: CliDeps,
): Promise<ExitCode> {
  const { values } = parseUsage(
    "fingerprint",
    () =>
      parseArgs({
        args: [...argv],
        options: {
          "secret-id": { type: "string" },
          "version-stage": { type: "string" },
          "version-id": { type: "string" },
          "json-key": { type: "string" },
          ...outputOptions,
          ...awsOptions,
        },
        strict: true,
      }),
    ["secret-id", "version-stage", "version-id", "json-key", "json", "output", "profile", "region"],
  );
  const json = jsonOutput("fingerprint", values);
  const secretId = requireOption("fingerprint", "secret-id", values["secret-id"]);
  if (values["version-stage"] !== undefined && values["version-id"] !== undefined) {
    throw new UsageError("fingerprint", "Give --version-stage or --version-id, not both.");
  }
  const version =
    values["version-id"] === undefined
      ? { versionStage: values["version-stage"] ?? "AWSCURRENT" }
      : { versionId: values["version-id"] };
  const secrets = await deps.secrets(awsTarget(values));
  if (version.versionStage !== undefined) await requireStage(secrets, secretId, version.versionStage);
  const value = await secrets.getSecretValue(secretId, version);
  const picked = pickMaterial(value.secretString, values["json-key"], secretId);
  const fingerprint = fingerprintKey(picked.material);
  const selector = "versionStage" in version ? version.versionStage : "version-id";
  if (json) {
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

/**
 * Fails with a message naming the missing label and the labels the secret has: asking for
 * AWSPENDING when no rotation is in progress is common, and is neither a credentials nor a region
 * problem.
 */
async function requireStage(secrets: SecretsPort, secretId: string, stage: string): Promise<void> {
  const { name, versionIdsToStages } = await secrets.describeSecret(secretId);
  const labelled = Object.entries(versionIdsToStages).filter(([, stages]) => stages.length > 0);
  if (labelled.some(([, stages]) => stages.includes(stage))) return;
  const labels = labelled.map(([versionId, stages]) => `${stages.join(",")} (version ${versionId})`);
  const why = stage === "AWSPENDING" ? " (no rotation is in progress)" : "";
  throw new StageNotFoundError(
    `Secret ${name} has no version labelled ${stage}${why}. Its labels: ${labels.join("; ") || "none"}.`,
  );
}
