import type { OperationHandler } from "../contracts.js";
import { requireSecret } from "./secret-arn.js";
import { invalidParameter } from "./secret-errors.js";
import { apiCallEvent, type CallActor, labelUpdatedEvents } from "./secret-events.js";
import type { SecretRecord } from "./secret-store.js";
import { readSecretValue, type SecretValueInput } from "./secret-value-input.js";
import { addVersion, checkVersionToken } from "./secret-versions.js";
import { stagesMember } from "./secret-views.js";
import type { SecretsManagerContext } from "./secrets-manager-context.js";
import { StagingLabel } from "./staging-labels.js";
import { readClientRequestToken, readOptionalStringList, readString } from "./wire-format.js";

/** A PutSecretValue request after decoding. `secretId` is kept as passed: CloudTrail logs it so. */
export interface PutValueRequest {
  readonly secretId: string;
  readonly versionId: string;
  readonly value: SecretValueInput;
  readonly versionStages?: readonly string[];
}

/**
 * Stores a new version and emits what the service emits: the CloudTrail PutSecretValue call, then
 * `Secret Label Updated` for each label that moved. Without `versionStages` AWSCURRENT moves to the
 * new version (AWSPREVIOUS follows); with them only those labels move, except that a secret's
 * first version always gets AWSCURRENT. Shared by the operation and the built-in rotation.
 */
export function putSecretValue(
  ctx: SecretsManagerContext,
  secret: SecretRecord,
  request: PutValueRequest,
  actor: CallActor,
) {
  const { versionId, value, versionStages } = request;
  const token = checkVersionToken(secret, versionId, value);
  const requestParameters = {
    secretId: request.secretId,
    clientRequestToken: versionId,
    ...(versionStages ? { versionStages: [...versionStages] } : {}),
  };
  if (token.kind === "replay") {
    ctx.emit(apiCallEvent(ctx, "PutSecretValue", actor, requestParameters, secret));
    return { ARN: secret.arn, Name: secret.name, VersionId: versionId, ...stagesMember(token.version) };
  }
  const labels = [...(versionStages ?? [StagingLabel.current])];
  if (secret.versions.size === 0 && !labels.includes(StagingLabel.current)) labels.push(StagingLabel.current);
  const { version, moves } = addVersion(ctx, secret, versionId, value, labels);
  ctx.emit(apiCallEvent(ctx, "PutSecretValue", actor, requestParameters, secret));
  for (const event of labelUpdatedEvents(ctx, secret, moves)) ctx.emit(event);
  return { ARN: secret.arn, Name: secret.name, VersionId: versionId, ...stagesMember(version) };
}

/** PutSecretValue: `ClientRequestToken` is the new VersionId; a retry with the same token and value is a no-op. */
export function createPutSecretValue(ctx: SecretsManagerContext): OperationHandler {
  return (input) => {
    const secretId = readString(input, "SecretId");
    const value = readSecretValue(input);
    if (!value) throw invalidParameter("You must provide either SecretString or SecretBinary.");
    const versionStages = readOptionalStringList(input, "VersionStages");
    if (versionStages && (versionStages.length < 1 || versionStages.length > 20)) {
      throw invalidParameter("VersionStages must contain between 1 and 20 staging labels.");
    }
    const secret = requireSecret(ctx.store, ctx.identity, secretId);
    const versionId = readClientRequestToken(input) ?? ctx.newId();
    return putSecretValue(ctx, secret, { secretId, versionId, value, versionStages }, "caller");
  };
}
