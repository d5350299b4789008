import type { OperationHandler } from "../contracts.js";
import { requireSecret } from "./secret-arn.js";
import { apiCallEvent, type CallActor, labelUpdatedEvents } from "./secret-events.js";
import type { SecretRecord } from "./secret-store.js";
import type { SecretsManagerContext } from "./secrets-manager-context.js";
import { applyStageUpdate, type StageUpdateRequest } from "./update-stage-rules.js";
import { readOptionalString, readString } from "./wire-format.js";

/**
 * Moves a label under the service's rules and emits the CloudTrail UpdateSecretVersionStage call
 * followed by `Secret Label Updated` for the move (AWSCURRENT and custom labels). Shared by the
 * operation and the built-in rotation's finishSecret step.
 */
export function updateSecretVersionStage(
  ctx: SecretsManagerContext,
  secret: SecretRecord,
  secretId: string,
  request: StageUpdateRequest,
  actor: CallActor,
): { readonly ARN: string; readonly Name: string } {
  const moves = applyStageUpdate(secret, request);
  secret.lastChangedDate = ctx.now();
  const requestParameters = {
    secretId,
    versionStage: request.label,
    ...(request.moveToVersionId ? { moveToVersionId: request.moveToVersionId } : {}),
    ...(request.removeFromVersionId ? { removeFromVersionId: request.removeFromVersionId } : {}),
  };
  ctx.emit(apiCallEvent(ctx, "UpdateSecretVersionStage", actor, requestParameters, secret));
  for (const event of labelUpdatedEvents(ctx, secret, moves)) ctx.emit(event);
  return { ARN: secret.arn, Name: secret.name };
}

/** UpdateSecretVersionStage (see `applyStageUpdate` for the rules). */
export function createUpdateSecretVersionStage(ctx: SecretsManagerContext): OperationHandler {
  return (input) => {
    const secretId = readString(input, "SecretId");
    const secret = requireSecret(ctx.store, ctx.identity, secretId);
    const request: StageUpdateRequest = {
      label: readString(input, "VersionStage"),
      moveToVersionId: readOptionalString(input, "MoveToVersionId"),
      removeFromVersionId: readOptionalString(input, "RemoveFromVersionId"),
    };
    return updateSecretVersionStage(ctx, secret, secretId, request, "caller");
  };
}
