/**
 * The windows CloudTrail's event history gives (a recorded move, or the rotation steps around it),
 * to CloudTrail's and EventBridge's whole-second precision.
 */
import type { CutoverMove } from "./cutover-history.js";
import { type CutoverEvidence, CutoverSource, type CutoverWindow } from "./cutover-source.js";
import type { RotationBounds } from "./rotation-history.js";

/**
 * EventBridge and CloudTrail stamp events to the whole second (`03:14:20Z`): the move happened
 * somewhere in that second. A task created at 03:14:20.400 may still have read the old value, so
 * a whole-second time stands for a window that ends 999 ms later; a time with milliseconds is exact.
 * Where the API dates are earlier (they carry milliseconds), they narrow it: without that, a forced
 * deployment created within the event's second would not count as "after the cut-over", and a
 * second event for the same rotation would force the service again.
 */
export function endOfReportedSecond(time: Date): Date {
  return time.getUTCMilliseconds() === 0 ? new Date(time.getTime() + 999) : time;
}

/**
 * The window an event stamped at the move gives: its second, ended early by the API upper bound when
 * that falls inside it. Secrets Manager sends an event after the move, so a move in the last
 * milliseconds of a second can be stamped with the next one (a move at 20.998, `Secret Label
 * Updated` at 21Z): LastChangedDate, which the move bumped, then lies within the second before the
 * event's, and the move happened at that date. Without this, a deployment the verifier forced at
 * 21.2 would not count as after the cut-over, and the next event about the same move would force the
 * service again. An API date further back contradicts the event (skew, or an emulator that leaves
 * LastChangedDate alone on a move): the event's second stands.
 */
export function atEventWindow(time: Date, apiLatest: Date, created: Date | undefined): CutoverWindow {
  const stampedJustAfter = apiLatest < time && time.getTime() - apiLatest.getTime() <= 1000;
  if (!stampedJustAfter) return bounded(time, narrowed(time, apiLatest, time), CutoverSource.Event);
  const secondStart = new Date(apiLatest.getTime() - apiLatest.getUTCMilliseconds());
  const earliest = created !== undefined && created > secondStart ? created : secondStart;
  return bounded(earliest, apiLatest, CutoverSource.Event);
}

/**
 * The end of the event's second, or the API upper bound when it is earlier yet not before `floor`
 * (an API date before the event that is the move itself contradicts it: clock skew, keep the second).
 */
export function narrowed(time: Date, apiLatest: Date, floor: Date): Date {
  const end = endOfReportedSecond(time);
  return apiLatest >= floor && apiLatest < end ? apiLatest : end;
}

/**
 * CloudTrail stamps the move to the second. A PutSecretValue creates the version and labels it in
 * one call, so the version's CreatedDate (milliseconds) is the move; otherwise the API upper bound
 * narrows the second when it falls inside it.
 */
export function recordedWindow(
  recorded: CutoverMove,
  evidence: CutoverEvidence,
  apiLatest: Date,
): CutoverWindow {
  const end = endOfReportedSecond(recorded.time);
  const created = evidence.currentCreatedDate;
  const inSecond = (date: Date | undefined): date is Date =>
    date !== undefined && date >= recorded.time && date <= end;
  if (recorded.eventName === "PutSecretValue" && inSecond(created))
    return bounded(created, created, CutoverSource.CloudTrail);
  return bounded(recorded.time, inSecond(apiLatest) ? apiLatest : end, CutoverSource.CloudTrail);
}

/**
 * The window the current version's rotation steps give, when they narrow the API bounds: RotateSecret
 * raises the lower bound only when it is later than the version's CreatedDate (or that is unknown);
 * RotationSucceeded's second (narrowed by an earlier API upper bound) is the upper bound.
 */
export function rotationWindow(
  rotation: RotationBounds,
  evidence: CutoverEvidence,
  apiLatest: Date,
): CutoverWindow | undefined {
  const created = evidence.currentCreatedDate;
  const started = rotation.startedAt;
  const raisesFloor = started !== undefined && (created === undefined || started > created);
  const earliest = raisesFloor ? started : (created ?? new Date(0));
  if (rotation.succeededAt)
    return bounded(
      earliest,
      narrowed(rotation.succeededAt, apiLatest, earliest),
      CutoverSource.CloudTrailRotationSucceeded,
    );
  return raisesFloor ? bounded(earliest, apiLatest, CutoverSource.CloudTrailRotateSecret) : undefined;
}

/** A window from its bounds; a latest bound before the earliest (clock skew) collapses onto the earliest. */
export function bounded(earliest: Date, latest: Date, source: CutoverSource): CutoverWindow {
  return latest < earliest ? { earliest, latest: earliest, source } : { earliest, latest, source };
}
