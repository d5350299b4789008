/** One management event from CloudTrail's event history, as the history adapter hands it over. */
export interface HistoryRecord {
  readonly eventName: string;
  readonly eventTime: Date;
  /** The CloudTrail record (JSON text): request parameters, never a secret value. */
  readonly cloudTrailEvent: string;
}

/** A recorded move of AWSCURRENT onto `versionId`, at `time` (CloudTrail stamps whole seconds). */
export interface CutoverMove {
  readonly versionId: string;
  readonly time: Date;
  readonly eventName: "PutSecretValue" | "UpdateSecretVersionStage";
}

/**
 * The AWSCURRENT moves a secret's CloudTrail history records: a PutSecretValue that labels its version
 * AWSCURRENT (no `versionStages`, or one naming AWSCURRENT; its `clientRequestToken` is the version
 * id), and an UpdateSecretVersionStage moving AWSCURRENT (`moveToVersionId`). A PutSecretValue that
 * stages AWSPENDING (rotation's createSecret step) moves nothing. Unreadable records are skipped.
 */
export function readCutoverMoves(records: readonly HistoryRecord[]): CutoverMove[] {
  return records.flatMap((record): CutoverMove[] => {
    const parameters = requestParameters(record.cloudTrailEvent);
    if (!parameters) return [];
    if (record.eventName === "PutSecretValue") {
      const stages = parameters.versionStages;
      const labelsCurrent = stages === undefined || (Array.isArray(stages) && stages.includes("AWSCURRENT"));
      const versionId = parameters.clientRequestToken;
      return labelsCurrent && typeof versionId === "string"
        ? [{ versionId, time: record.eventTime, eventName: "PutSecretValue" }]
        : [];
    }
    if (record.eventName === "UpdateSecretVersionStage") {
      const versionId = parameters.moveToVersionId;
      return parameters.versionStage === "AWSCURRENT" && typeof versionId === "string"
        ? [{ versionId, time: record.eventTime, eventName: "UpdateSecretVersionStage" }]
        : [];
    }
    return [];
  });
}

/**
 * The last recorded move onto the current version, ignoring moves dated in the future beyond the
 * allowed skew (forged or skewed): the moment the current cut-over happened, if CloudTrail saw it.
 */
export function lastMoveOnto(
  moves: readonly CutoverMove[],
  currentVersionId: string,
  notAfter: Date,
): CutoverMove | undefined {
  return moves
    .filter((move) => move.versionId === currentVersionId && move.time <= notAfter)
    .sort((a, b) => b.time.getTime() - a.time.getTime())[0];
}

/** The `requestParameters` of a CloudTrail record (JSON text), or undefined when it has none or is unreadable. */
export function requestParameters(text: string): Record<string, unknown> | undefined {
  try {
    const record: unknown = JSON.parse(text);
    if (typeof record !== "object" || record === null) return undefined;
    const parameters = (record as { requestParameters?: unknown }).requestParameters;
    return typeof parameters === "object" && parameters !== null
      ? (parameters as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
