import type { OperationHandler } from "../contracts.js";
import { runBuiltInRotation } from "./built-in-rotation.js";
import { nextRotationDate, readRotationRules } from "./rotation-schedule.js";
import { requireSecret } from "./secret-arn.js";
import { invalidRequest, resourceExists } from "./secret-errors.js";
import { apiCallEvent } from "./secret-events.js";
import type { RotationRules, SecretRecord } from "./secret-store.js";
import type { SecretsManagerContext } from "./secrets-manager-context.js";
import { findLabelHolder, StagingLabel } from "./staging-labels.js";
import {
  readClientRequestToken,
  readOptionalBoolean,
  readOptionalString,
  readString,
} from "./wire-format.js";

/** Secrets whose rotation is running: a second RotateSecret meanwhile is refused as on the service. */
const rotating = new WeakSet<SecretRecord>();

function assertNoRotationInProgress(secret: SecretRecord): void {
  const pending = findLabelHolder(secret, StagingLabel.pending);
  const current = findLabelHolder(secret, StagingLabel.current);
  if (rotating.has(secret) || (pending && pending !== current)) {
    throw invalidRequest("A previous rotation isn't complete. That rotation will be reattempted.");
  }
}

/** True when `versionId` already is AWSCURRENT (a retried rotation); ResourceExistsException for any other existing version. */
function isFinishedRotation(secret: SecretRecord, versionId: string): boolean {
  const existing = secret.versions.get(versionId);
  if (!existing) return false;
  if (existing.stages.includes(StagingLabel.current)) return true;
  throw resourceExists(
    `You can't use ClientRequestToken ${versionId} because that value is already in use for a version of secret ${secret.arn}.`,
  );
}

function configureRotation(
  secret: SecretRecord,
  lambdaArn: string | undefined,
  rules: RotationRules | undefined,
  now: Date,
): void {
  if (lambdaArn !== undefined) secret.rotationLambdaArn = lambdaArn;
  if (rules !== undefined) secret.rotationRules = rules;
  secret.rotationEnabled = true;
  secret.lastChangedDate = now;
  secret.nextRotationDate = nextRotationDate(secret.rotationRules, secret.lastRotatedDate ?? now);
}

/** What CloudTrail logs for RotateSecret: the parameters the caller gave (never a value). */
function rotateRequestParameters(
  secretId: string,
  versionId: string,
  lambdaArn: string | undefined,
  rules: RotationRules | undefined,
  rotateImmediately: boolean | undefined,
): Record<string, unknown> {
  return {
    secretId,
    clientRequestToken: versionId,
    ...(lambdaArn !== undefined ? { rotationLambdaARN: lambdaArn } : {}),
    ...(rules !== undefined ? { rotationRules: rules } : {}),
    ...(rotateImmediately !== undefined ? { rotateImmediately } : {}),
  };
}

/**
 * RotateSecret with the fleet's built-in rotation (no Lambda is invoked, `RotationLambdaARN` is
 * only recorded). `ClientRequestToken` becomes the new version's id; repeating a finished rotation's
 * token is a no-op. `RotateImmediately: false` only stores the schedule. The rotation completes
 * before the response, so callers see its effects immediately.
 */
export function createRotateSecret(ctx: SecretsManagerContext): OperationHandler {
  return async (input) => {
    const secretId = readString(input, "SecretId");
    const token = readClientRequestToken(input);
    const lambdaArn = readOptionalString(input, "RotationLambdaARN");
    const rules = readRotationRules(input);
    const rotateImmediately = readOptionalBoolean(input, "RotateImmediately");
    const secret = requireSecret(ctx.store, ctx.identity, secretId);
    const versionId = token ?? ctx.newId();
    if (isFinishedRotation(secret, versionId))
      return { ARN: secret.arn, Name: secret.name, VersionId: versionId };
    assertNoRotationInProgress(secret);
    configureRotation(secret, lambdaArn, rules, ctx.now());
    const requestParameters = rotateRequestParameters(
      secretId,
      versionId,
      lambdaArn,
      rules,
      rotateImmediately,
    );
    ctx.emit(apiCallEvent(ctx, "RotateSecret", "caller", requestParameters, secret));
    if (rotateImmediately === false) return { ARN: secret.arn, Name: secret.name };
    rotating.add(secret);
    try {
      await runBuiltInRotation(ctx, secret, versionId);
    } finally {
      rotating.delete(secret);
    }
    return { ARN: secret.arn, Name: secret.name, VersionId: versionId };
  };
}
