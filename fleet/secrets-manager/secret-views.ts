import type { SecretRecord, SecretVersion } from "./secret-store.js";
import { labelsOf } from "./staging-labels.js";
import { toEpochSeconds } from "./wire-format.js";

/** Labelled versions only: deprecated versions never appear in VersionIdsToStages. */
function versionsToStages(secret: SecretRecord): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const version of secret.versions.values()) {
    if (version.stages.length > 0) map[version.versionId] = labelsOf(version);
  }
  return map;
}

function optionalDates(secret: SecretRecord): Record<string, number> {
  const dates: Record<string, number> = {};
  if (secret.lastRotatedDate) dates.LastRotatedDate = toEpochSeconds(secret.lastRotatedDate);
  dates.LastChangedDate = toEpochSeconds(secret.lastChangedDate);
  if (secret.lastAccessedDate) dates.LastAccessedDate = toEpochSeconds(secret.lastAccessedDate);
  if (secret.nextRotationDate) dates.NextRotationDate = toEpochSeconds(secret.nextRotationDate);
  return dates;
}

/** The members DescribeSecret and ListSecrets share; unset members are left out, as the service does. */
function commonMembers(secret: SecretRecord): Record<string, unknown> {
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.description !== undefined ? { Description: secret.description } : {}),
    ...(secret.kmsKeyId !== undefined ? { KmsKeyId: secret.kmsKeyId } : {}),
    ...(secret.rotationEnabled !== undefined ? { RotationEnabled: secret.rotationEnabled } : {}),
    ...(secret.rotationLambdaArn !== undefined ? { RotationLambdaARN: secret.rotationLambdaArn } : {}),
    ...(secret.rotationRules !== undefined ? { RotationRules: { ...secret.rotationRules } } : {}),
    ...optionalDates(secret),
    ...(secret.tags.length > 0 ? { Tags: secret.tags.map((tag) => ({ ...tag })) } : {}),
  };
}

/** A DescribeSecret response (`DescribeSecretResponse`). */
export function describeSecretView(secret: SecretRecord): Record<string, unknown> {
  return {
    ...commonMembers(secret),
    VersionIdsToStages: versionsToStages(secret),
    CreatedDate: toEpochSeconds(secret.createdDate),
  };
}

/** A ListSecrets entry (`SecretListEntry`): the same data, but the map is `SecretVersionsToStages`. */
export function secretListEntryView(secret: SecretRecord): Record<string, unknown> {
  return {
    ...commonMembers(secret),
    SecretVersionsToStages: versionsToStages(secret),
    CreatedDate: toEpochSeconds(secret.createdDate),
  };
}

/** A ListSecretVersionIds entry; a deprecated version has no `VersionStages` key. */
export function versionEntryView(version: SecretVersion): Record<string, unknown> {
  return {
    VersionId: version.versionId,
    ...stagesMember(version),
    ...(version.lastAccessedDate ? { LastAccessedDate: toEpochSeconds(version.lastAccessedDate) } : {}),
    CreatedDate: toEpochSeconds(version.createdDate),
  };
}

/** A GetSecretValue response for `version` (a deprecated version is still readable by VersionId). */
export function secretValueView(secret: SecretRecord, version: SecretVersion): Record<string, unknown> {
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    ...(version.secretString !== undefined ? { SecretString: version.secretString } : {}),
    ...(version.secretBinary !== undefined ? { SecretBinary: version.secretBinary } : {}),
    ...stagesMember(version),
    CreatedDate: toEpochSeconds(version.createdDate),
  };
}

/** `VersionStages` when the version has labels; the model forbids an empty list, so a deprecated version has none. */
export function stagesMember(version: SecretVersion): { VersionStages?: string[] } {
  return version.stages.length > 0 ? { VersionStages: labelsOf(version) } : {};
}
