import type { OperationHandler } from "../contracts.js";
import { requireSecret } from "./secret-arn.js";
import { invalidParameter } from "./secret-errors.js";
import { apiCallEvent, labelUpdatedEvents } from "./secret-events.js";
import type { SecretRecord } from "./secret-store.js";
import { readSecretValue } from "./secret-value-input.js";
import { addVersion, checkVersionToken } from "./secret-versions.js";
import type { SecretsManagerContext } from "./secrets-manager-context.js";
import { StagingLabel } from "./staging-labels.js";
import { readClientRequestToken, readString } from "./wire-format.js";

/** `DescriptionType` and `KmsKeyIdType` in the service model: at most 2,048 characters. */
const MAX_METADATA_LENGTH = 2048;

/**
 * A metadata member as UpdateSecret reads it: absent or null is "not given", while an empty string
 * is given (an empty KmsKeyId means the AWS managed key `aws/secretsmanager`).
 */
function readMetadata(input: Record<string, unknown>, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.length > MAX_METADATA_LENGTH) {
    throw invalidParameter(
      `Invalid parameter ${member}: a string of at most ${MAX_METADATA_LENGTH} characters is required.`,
    );
  }
  return value;
}

/** Applies the given metadata; an empty string clears the member (the default key, no description). */
function applyMetadata(secret: SecretRecord, description: string | undefined, kmsKeyId: string | undefined) {
  if (description !== undefined) secret.description = description === "" ? undefined : description;
  if (kmsKeyId !== undefined) secret.kmsKeyId = kmsKeyId === "" ? undefined : kmsKeyId;
}

/**
 * UpdateSecret. With `SecretString` or `SecretBinary` it creates a version whose id is
 * `ClientRequestToken` and moves AWSCURRENT onto it (AWSPREVIOUS follows), as the API reference
 * says, so it is a cut-over like PutSecretValue without `VersionStages`; a retry with the same
 * token and value is a no-op and the same token with another value is ResourceExistsException.
 * Without a value it changes only Description/KmsKeyId and LastChangedDate and creates no version,
 * so the answer has no VersionId. Either way CloudTrail records the call; its
 * `requestParameters` carry the token the caller sent (the SDKs always send one) and never the value.
 * A call with neither a value nor metadata is refused: AWS documents no such no-op, and refusing
 * keeps "works on the fleet" a subset of "works on AWS".
 */
export function createUpdateSecret(ctx: SecretsManagerContext): OperationHandler {
  return (input) => {
    const secretId = readString(input, "SecretId");
    const value = readSecretValue(input);
    const token = readClientRequestToken(input);
    const description = readMetadata(input, "Description");
    const kmsKeyId = readMetadata(input, "KmsKeyId");
    if (!value && description === undefined && kmsKeyId === undefined) {
      throw invalidParameter(
        "You must provide at least one of Description, KmsKeyId, SecretString or SecretBinary.",
      );
    }
    const secret = requireSecret(ctx.store, ctx.identity, secretId);
    const requestParameters = {
      secretId,
      ...(token !== undefined ? { clientRequestToken: token } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
    };
    if (!value) {
      applyMetadata(secret, description, kmsKeyId);
      secret.lastChangedDate = ctx.now();
      ctx.emit(apiCallEvent(ctx, "UpdateSecret", "caller", requestParameters, secret));
      return { ARN: secret.arn, Name: secret.name };
    }
    const versionId = token ?? ctx.newId();
    const check = checkVersionToken(secret, versionId, value);
    applyMetadata(secret, description, kmsKeyId);
    const moves =
      check.kind === "new" ? addVersion(ctx, secret, versionId, value, [StagingLabel.current]).moves : [];
    const parameters = { ...requestParameters, clientRequestToken: versionId };
    ctx.emit(apiCallEvent(ctx, "UpdateSecret", "caller", parameters, secret));
    for (const event of labelUpdatedEvents(ctx, secret, moves)) ctx.emit(event);
    return { ARN: secret.arn, Name: secret.name, VersionId: versionId };
  };
}
