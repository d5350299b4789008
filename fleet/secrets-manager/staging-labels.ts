import type { SecretRecord, SecretVersion } from "./secret-store.js";

/** The labels Secrets Manager itself gives meaning to. */
export const StagingLabel = {
  current: "AWSCURRENT",
  previous: "AWSPREVIOUS",
  pending: "AWSPENDING",
} as const;

/** A label now attached to `versionId`, taken from `fromVersionId` when another version held it. */
export interface LabelMove {
  readonly label: string;
  readonly versionId: string;
  readonly fromVersionId?: string;
}

/** The version holding `label`; the rules below keep a label on at most one version. */
export function findLabelHolder(secret: SecretRecord, label: string): SecretVersion | undefined {
  for (const version of secret.versions.values()) {
    if (version.stages.includes(label)) return version;
  }
  return undefined;
}

/** Removes `label` from `version` (no-op when absent). */
export function detachLabel(version: SecretVersion, label: string): void {
  version.stages = version.stages.filter((stage) => stage !== label);
}

/**
 * Attaches `label` to `target`, taking it off whichever version held it. Moving AWSCURRENT also
 * moves AWSPREVIOUS to the version AWSCURRENT left (and off the new current one), as the service
 * does on every route. Returns the moves made, empty when `target` already held the label.
 */
export function attachLabel(secret: SecretRecord, label: string, target: SecretVersion): LabelMove[] {
  const holder = findLabelHolder(secret, label);
  if (holder === target) return [];
  if (holder) detachLabel(holder, label);
  target.stages.push(label);
  const move: LabelMove = holder
    ? { label, versionId: target.versionId, fromVersionId: holder.versionId }
    : { label, versionId: target.versionId };
  if (label !== StagingLabel.current) return [move];
  detachLabel(target, StagingLabel.previous);
  if (!holder) return [move];
  return [move, ...attachLabel(secret, StagingLabel.previous, holder)];
}

/** The labels a version carries, copied so callers cannot change them behind the rules. */
export function labelsOf(version: SecretVersion): string[] {
  return [...version.stages];
}
