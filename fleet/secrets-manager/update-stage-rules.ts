import { invalidParameter } from "./secret-errors.js";
import type { SecretRecord, SecretVersion } from "./secret-store.js";
import { attachLabel, detachLabel, findLabelHolder, type LabelMove, StagingLabel } from "./staging-labels.js";

/** The label change UpdateSecretVersionStage asks for. */
export interface StageUpdateRequest {
  readonly label: string;
  readonly moveToVersionId?: string;
  readonly removeFromVersionId?: string;
}

function requireVersion(secret: SecretRecord, versionId: string): SecretVersion {
  const version = secret.versions.get(versionId);
  if (!version) throw invalidParameter(`Not a valid version: ${versionId}`);
  return version;
}

/**
 * Applies UpdateSecretVersionStage with the real service's rules, or throws
 * InvalidParameterException without changing anything:
 * - `RemoveFromVersionId` must name a version that carries the label;
 * - moving a label that another version holds requires `RemoveFromVersionId` = that holder;
 * - AWSCURRENT can be moved but never just removed (a secret keeps a current version);
 * - moving AWSCURRENT moves AWSPREVIOUS to the version it left.
 */
export function applyStageUpdate(secret: SecretRecord, request: StageUpdateRequest): LabelMove[] {
  const { label, moveToVersionId, removeFromVersionId } = request;
  if (!moveToVersionId && !removeFromVersionId) {
    throw invalidParameter("You must specify at least one of MoveToVersionId and RemoveFromVersionId.");
  }
  const removeFrom = removeFromVersionId ? requireVersion(secret, removeFromVersionId) : undefined;
  if (removeFrom && !removeFrom.stages.includes(label)) {
    throw invalidParameter(`Version stage ${label} not found in version ${removeFromVersionId}`);
  }
  const holder = findLabelHolder(secret, label);
  const moveTo = moveToVersionId ? requireVersion(secret, moveToVersionId) : undefined;
  if (holder && holder !== moveTo && !removeFrom) {
    throw invalidParameter(
      `The parameter RemoveFromVersionId can't be empty. Staging label ${label} is currently attached to version ${holder.versionId}, so you must explicitly reference that version in RemoveFromVersionId.`,
    );
  }
  if (moveTo) return attachLabel(secret, label, moveTo);
  if (label === StagingLabel.current && removeFrom) {
    throw invalidParameter(
      `You can't remove the staging label ${label} from version ${removeFrom.versionId} without moving it to another version with MoveToVersionId.`,
    );
  }
  if (removeFrom) detachLabel(removeFrom, label);
  return [];
}
