import { resourceExists } from "./secret-errors.js";
import type { SecretRecord, SecretVersion } from "./secret-store.js";
import { type SecretValueInput, sameValue } from "./secret-value-input.js";
import type { SecretsManagerContext } from "./secrets-manager-context.js";
import { attachLabel, type LabelMove } from "./staging-labels.js";

/**
 * What a `ClientRequestToken` means for a secret: a new version, or a retry of the request that
 * already created that version with the same value. The same token with another value is
 * ResourceExistsException: a version's value never changes.
 */
export function checkVersionToken(
  secret: SecretRecord,
  versionId: string,
  value: SecretValueInput | undefined,
): { readonly kind: "new" } | { readonly kind: "replay"; readonly version: SecretVersion } {
  const existing = secret.versions.get(versionId);
  if (!existing) return { kind: "new" };
  if (sameValue(existing, value)) return { kind: "replay", version: existing };
  throw resourceExists(
    `You can't use ClientRequestToken ${versionId} because that value is already in use for a version of secret ${secret.arn}.`,
  );
}

/** Creates a version, attaches `labels` to it (moving them off other versions) and returns the moves. */
export function addVersion(
  ctx: SecretsManagerContext,
  secret: SecretRecord,
  versionId: string,
  value: SecretValueInput,
  labels: readonly string[],
): { readonly version: SecretVersion; readonly moves: LabelMove[] } {
  const createdDate = ctx.now();
  const version: SecretVersion = { versionId, ...value, createdDate, stages: [] };
  secret.versions.set(versionId, version);
  secret.lastChangedDate = createdDate;
  const moves = [...new Set(labels)].flatMap((label) => attachLabel(secret, label, version));
  return { version, moves };
}
