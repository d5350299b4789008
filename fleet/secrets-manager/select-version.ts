import { invalidRequest, secretValueNotFound } from "./secret-errors.js";
import type { SecretRecord, SecretVersion } from "./secret-store.js";
import { StagingLabel } from "./staging-labels.js";
import { toDay } from "./wire-format.js";

/** Which version a read wants: by id, by label, both (they must agree), or neither (AWSCURRENT). */
export interface VersionSelector {
  readonly versionId?: string;
  readonly versionStage?: string;
}

/** The version a GetSecretValue-style read returns, or the service's error for a missing/mismatched one. */
export function selectVersion(secret: SecretRecord, selector: VersionSelector): SecretVersion {
  const { versionId, versionStage } = selector;
  if (versionId !== undefined) {
    const version = secret.versions.get(versionId);
    if (!version) throw secretValueNotFound("VersionId", versionId);
    if (versionStage !== undefined && !version.stages.includes(versionStage)) {
      throw invalidRequest("You provided a VersionStage that is not associated to the provided VersionId.");
    }
    return version;
  }
  const label = versionStage ?? StagingLabel.current;
  for (const version of secret.versions.values()) {
    if (version.stages.includes(label)) return version;
  }
  throw secretValueNotFound("staging label", label);
}

/** Records a read the way the service does: the day (not the moment) of last access. */
export function recordAccess(secret: SecretRecord, version: SecretVersion, now: Date): void {
  const day = toDay(now);
  secret.lastAccessedDate = day;
  version.lastAccessedDate = day;
}
