import { failedCall, type HistoryRecord, requestParameters } from "./cutover-history.js";

/**
 * A rotation step CloudTrail's event history recorded. None of them is the AWSCURRENT move itself:
 * `started` (RotateSecret, an on-demand rotation; `clientRequestToken` is the version it will
 * create) and `pending` (the rotation function's createSecret step, PutSecretValue staging AWSPENDING)
 * happen before finishSecret moves the label; `succeeded` (RotationSucceeded, a service event) after
 * it, and names no version.
 */
export interface RotationStep {
  readonly step: "started" | "pending" | "succeeded";
  /** The version the rotation creates; null for RotationSucceeded, which carries none. */
  readonly versionId: string | null;
  readonly time: Date;
}

/** What the rotation steps say about when AWSCURRENT moved onto one version. */
export interface RotationBounds {
  /** RotateSecret for that version: the move came later (a lower bound only, never the move). */
  readonly startedAt?: Date;
  /** RotationSucceeded of the rotation that created that version: the move came before (upper bound). */
  readonly succeededAt?: Date;
}

/**
 * The rotation steps of a secret's history: RotateSecret (unless `rotateImmediately: false`, which
 * only stores a schedule), PutSecretValue staging AWSPENDING, and RotationSucceeded. Unreadable
 * records are skipped, and so are calls the service refused (`errorCode`): a refused RotateSecret
 * retried with the current version's token, read as its start, would raise the window's lower bound
 * past the real move and call tasks started in between stale.
 */
export function readRotationSteps(records: readonly HistoryRecord[]): RotationStep[] {
  return records.flatMap((record): RotationStep[] => {
    if (record.eventName === "RotationSucceeded")
      return [{ step: "succeeded", versionId: null, time: record.eventTime }];
    if (failedCall(record.cloudTrailEvent)) return [];
    const parameters = requestParameters(record.cloudTrailEvent);
    const versionId = parameters?.clientRequestToken;
    if (typeof versionId !== "string") return [];
    if (record.eventName === "RotateSecret" && parameters?.rotateImmediately !== false)
      return [{ step: "started", versionId, time: record.eventTime }];
    const stages = parameters?.versionStages;
    if (record.eventName === "PutSecretValue" && Array.isArray(stages) && stages.includes("AWSPENDING"))
      return [{ step: "pending", versionId, time: record.eventTime }];
    return [];
  });
}

/**
 * The bounds the last rotation onto `currentVersionId` gives, ignoring steps dated after `notAfter`
 * (forged or skewed). RotationSucceeded names no version, so it is attributed to the rotation whose
 * start (RotateSecret) or createSecret step (PutSecretValue AWSPENDING) came last before it; when that
 * rotation created another version, or none is recorded, it says nothing about the current cut-over.
 */
export function rotationBoundsFor(
  steps: readonly RotationStep[],
  currentVersionId: string,
  notAfter: Date,
): RotationBounds {
  const ordered = steps
    .filter((step) => step.time <= notAfter)
    .sort((a, b) => a.time.getTime() - b.time.getTime() || order(a) - order(b));
  let rotating: string | null = null;
  let startedAt: Date | undefined;
  let succeededAt: Date | undefined;
  for (const step of ordered) {
    if (step.step === "succeeded") {
      if (rotating === currentVersionId) succeededAt = step.time;
      rotating = null;
      continue;
    }
    rotating = step.versionId;
    if (step.step === "started" && step.versionId === currentVersionId) startedAt = step.time;
  }
  return { ...(startedAt ? { startedAt } : {}), ...(succeededAt ? { succeededAt } : {}) };
}

/** Within one second (CloudTrail's resolution), a rotation starts, stages its version, then succeeds. */
function order(step: RotationStep): number {
  return step.step === "started" ? 0 : step.step === "pending" ? 1 : 2;
}
