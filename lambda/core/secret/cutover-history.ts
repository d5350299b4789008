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
  readonly eventName: "PutSecretValue" | "UpdateSecret" | "UpdateSecretVersionStage";
}

/**
 * The AWSCURRENT moves a secret's CloudTrail history records: a PutSecretValue that labels its version
 * AWSCURRENT (no `versionStages`, or one naming AWSCURRENT; its `clientRequestToken` is the version
 * id), an UpdateSecret (its `clientRequestToken` is the id of the version it created, which takes
 * AWSCURRENT when the call gave a value), and an UpdateSecretVersionStage moving AWSCURRENT
 * (`moveToVersionId`). A PutSecretValue that stages AWSPENDING (rotation's createSecret step) moves
 * nothing, nor does a failed call (`errorCode`): CloudTrail records those too, and an UpdateSecret
 * refused for reusing a version's token names that version. Unreadable records are skipped.
 *
 * The documented record does not say whether an UpdateSecret gave a value (values are never
 * logged), and the SDKs and the CLI send a token on metadata-only calls too, so every UpdateSecret
 * with a token is read as a candidate move. That is safe because `lastMoveOnto` only takes a move
 * onto the secret's current version: a metadata-only call's token (a fresh UUID from the SDK) names
 * no version at all, so it can never date the cut-over, however recent. No undocumented field (a
 * value placeholder, say) is read to tell the two kinds apart.
 */
export function readCutoverMoves(records: readonly HistoryRecord[]): CutoverMove[] {
  return records.flatMap((record): CutoverMove[] => {
    if (failedCall(record.cloudTrailEvent)) return [];
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
    if (record.eventName === "UpdateSecret") {
      const versionId = parameters.clientRequestToken;
      return typeof versionId === "string" && versionId !== ""
        ? [{ versionId, time: record.eventTime, eventName: "UpdateSecret" }]
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

/** A CloudTrail record (JSON text) as an object, or undefined when it is unreadable. */
function parseRecord(text: string): Record<string, unknown> | undefined {
  try {
    const record: unknown = JSON.parse(text);
    return typeof record === "object" && record !== null ? (record as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The `requestParameters` of a CloudTrail record (JSON text), or undefined when it has none or is unreadable. */
export function requestParameters(text: string): Record<string, unknown> | undefined {
  const parameters = parseRecord(text)?.requestParameters;
  return typeof parameters === "object" && parameters !== null
    ? (parameters as Record<string, unknown>)
    : undefined;
}

/** Whether the record is of a call the service refused (`errorCode`): it changed nothing. */
export function failedCall(text: string): boolean {
  const errorCode = parseRecord(text)?.errorCode;
  return typeof errorCode === "string" && errorCode !== "";
}
