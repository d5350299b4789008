import { putSecretValue } from "./put-secret-value-operation.js";
import { regenerateRandomString } from "./regenerate-random-string.js";
import { regenerateSecretValue } from "./regenerate-secret-value.js";
import { nextRotationDate } from "./rotation-schedule.js";
import { serviceEvent } from "./secret-events.js";
import type { SecretRecord } from "./secret-store.js";
import type { SecretValueInput } from "./secret-value-input.js";
import type { SecretsManagerContext } from "./secrets-manager-context.js";
import { detachLabel, findLabelHolder, StagingLabel } from "./staging-labels.js";
import { updateSecretVersionStage } from "./update-secret-version-stage-operation.js";

function currentValue(secret: SecretRecord): SecretValueInput {
  const current = findLabelHolder(secret, StagingLabel.current);
  if (current?.secretBinary !== undefined) return { secretBinary: current.secretBinary };
  return { secretString: current?.secretString ?? regenerateRandomString("") };
}

async function createSecretStep(
  ctx: SecretsManagerContext,
  secret: SecretRecord,
  versionId: string,
): Promise<void> {
  const value = await regenerateSecretValue(currentValue(secret));
  putSecretValue(
    ctx,
    secret,
    { secretId: secret.arn, versionId, value, versionStages: [StagingLabel.pending] },
    "rotation",
  );
}

function finishSecretStep(ctx: SecretsManagerContext, secret: SecretRecord, versionId: string): void {
  const current = findLabelHolder(secret, StagingLabel.current);
  const removeFromVersionId = current?.versionId;
  updateSecretVersionStage(
    ctx,
    secret,
    secret.arn,
    { label: StagingLabel.current, moveToVersionId: versionId, removeFromVersionId },
    "rotation",
  );
  const pending = secret.versions.get(versionId);
  if (pending) detachLabel(pending, StagingLabel.pending);
}

/**
 * The fleet's rotation function, run in place of a Lambda, with the events of a real rotation in
 * their documented order: RotationStarted, PutSecretValue(AWSPENDING) from createSecret,
 * UpdateSecretVersionStage(AWSCURRENT) + Secret Label Updated from finishSecret, RotationSucceeded.
 * setSecret/testSecret have no target system here. AWSPENDING is cleared after success (the service
 * allows it on the current version or on none). A failure emits RotationFailed, as the asynchronous
 * rotation would, and leaves AWSCURRENT where it was.
 */
export async function runBuiltInRotation(
  ctx: SecretsManagerContext,
  secret: SecretRecord,
  versionId: string,
): Promise<void> {
  ctx.emit(serviceEvent(ctx, "RotationStarted", secret));
  try {
    await createSecretStep(ctx, secret, versionId);
    finishSecretStep(ctx, secret, versionId);
  } catch (error) {
    const failed = serviceEvent(ctx, "RotationFailed", secret);
    const message = error instanceof Error ? error.message : "rotation failed";
    ctx.emit({ ...failed, detail: { ...failed.detail, errorMessage: message } });
    return;
  }
  const now = ctx.now();
  secret.lastRotatedDate = now;
  secret.lastChangedDate = now;
  secret.nextRotationDate = nextRotationDate(secret.rotationRules, now);
  ctx.emit(serviceEvent(ctx, "RotationSucceeded", secret));
}
