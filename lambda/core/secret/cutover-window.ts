import type { EventTiming } from "../intake/trigger.js";
import { type CutoverMove, lastMoveOnto } from "./cutover-history.js";

/** Where a cut-over window came from; reported as `cutoverSource`. */
export const CutoverSource = {
  /** The event is the AWSCURRENT move itself: an exact time. */
  Event: "event",
  /** The event followed the move (RotationSucceeded): its time is the upper bound. */
  EventUpperBound: "event-upper-bound",
  /** CloudTrail's event history recorded the move onto the current version (sweeps, direct runs, stale events). */
  CloudTrail: "cloudtrail",
  /** No usable event time: the widest bounds the Secrets Manager APIs allow. */
  ApiBounds: "api-bounds",
} as const;

/**
 * How far in the future an event time may lie and still be believed (clock skew between services).
 * Later than this, it is forged or broken, and says nothing about the cut-over.
 */
export const EVENT_TIME_SKEW_MS = 5 * 60 * 1000;
export type CutoverSource = (typeof CutoverSource)[keyof typeof CutoverSource];

/**
 * When AWSCURRENT moved, as a window. A task created after `latest` read the new value; a task
 * started before `earliest` holds an older one; anything between needs a probe to tell.
 * A cut-over known to the millisecond has `earliest === latest`.
 */
export interface CutoverWindow {
  readonly earliest: Date;
  readonly latest: Date;
  readonly source: CutoverSource;
}

/** The event time and what it means, when the trigger had one. */
export interface CutoverHint {
  readonly time: Date;
  readonly timing: EventTiming;
  /** The version the event says became AWSCURRENT, if it says. */
  readonly versionId: string | null;
}

/** What Secrets Manager tells us about the current version. */
export interface CutoverEvidence {
  readonly currentVersionId: string;
  /** AWSCURRENT version's CreatedDate. */
  readonly currentCreatedDate?: Date;
  /** The secret's LastChangedDate. */
  readonly lastChangedDate?: Date;
  /** The secret's LastRotatedDate: set when a rotation finishes, after its move; blind to tag edits. */
  readonly lastRotatedDate?: Date;
}

/**
 * Derives the window.
 *
 * An event about the move gives its time: the move itself (`at-cutover`) bounds both ends, a later
 * event (RotationSucceeded, `after-cutover`) only the upper one. An event is used only if the version
 * it names is still AWSCURRENT and it is not older than that version (a delayed event about an earlier
 * rotation says nothing about this one).
 *
 * Without either, no API stores when AWSCURRENT moved, so the bounds are conservative:
 * - `earliest` = the AWSCURRENT version's CreatedDate: rotation creates the version (AWSPENDING)
 *   before it moves AWSCURRENT, so the move cannot be earlier;
 * - `latest` = the earliest of the secret's LastChangedDate (every change bumps it, the move
 *   included) and, when it belongs to this version, LastRotatedDate (a rotation sets it once its
 *   move is done; unlike LastChangedDate, a later tag or description edit does not move it).
 * Tasks inside the window are settled by probes; a task inside it that no probe settles is `unknown`,
 * which is reported and never forced, so a metadata edit that widens this fallback window cannot
 * force a deployment.
 */
export function deriveCutoverWindow(
  hint: CutoverHint | null,
  evidence: CutoverEvidence,
  now: Date,
  history: readonly CutoverMove[] = [],
): CutoverWindow {
  const earliest = evidence.currentCreatedDate ?? new Date(0);
  const apiLatest = apiUpperBound(evidence, earliest, now);
  const notAfter = new Date(now.getTime() + EVENT_TIME_SKEW_MS);
  const recorded = lastMoveOnto(history, evidence.currentVersionId, notAfter);
  const usable =
    hint !== null &&
    (hint.versionId === null || hint.versionId === evidence.currentVersionId) &&
    endOfReportedSecond(hint.time) >= earliest &&
    hint.time <= notAfter &&
    (recorded === undefined || recorded.time <= endOfReportedSecond(hint.time));
  if (usable && hint.timing === "at-cutover")
    return bounded(hint.time, narrowed(hint.time, apiLatest, hint.time), CutoverSource.Event);
  if (usable && hint.timing === "after-cutover")
    return bounded(earliest, narrowed(hint.time, apiLatest, earliest), CutoverSource.EventUpperBound);
  if (recorded) return recordedWindow(recorded, evidence, apiLatest);
  return bounded(earliest, apiLatest, CutoverSource.ApiBounds);
}

/**
 * EventBridge and CloudTrail stamp events to the whole second (`03:14:20Z`): the move happened
 * somewhere in that second. A task created at 03:14:20.400 may still have read the old value, so
 * a whole-second time stands for a window that ends 999 ms later; a time with milliseconds is exact.
 * Where the API dates are earlier (they carry milliseconds), they narrow it: without that, a forced
 * deployment created within the event's second would not count as "after the cut-over", and a
 * second event for the same rotation would force the service again.
 */
function endOfReportedSecond(time: Date): Date {
  return time.getUTCMilliseconds() === 0 ? new Date(time.getTime() + 999) : time;
}

/**
 * The end of the event's second, or the API upper bound when it is earlier yet not before `floor`
 * (an API date before the event that is the move itself contradicts it: clock skew, keep the second).
 */
function narrowed(time: Date, apiLatest: Date, floor: Date): Date {
  const end = endOfReportedSecond(time);
  return apiLatest >= floor && apiLatest < end ? apiLatest : end;
}

/**
 * CloudTrail stamps the move to the second. A PutSecretValue creates the version and labels it in
 * one call, so the version's CreatedDate (milliseconds) is the move; otherwise the API upper bound
 * narrows the second when it falls inside it.
 */
function recordedWindow(recorded: CutoverMove, evidence: CutoverEvidence, apiLatest: Date): CutoverWindow {
  const end = endOfReportedSecond(recorded.time);
  const created = evidence.currentCreatedDate;
  const inSecond = (date: Date | undefined): date is Date =>
    date !== undefined && date >= recorded.time && date <= end;
  if (recorded.eventName === "PutSecretValue" && inSecond(created))
    return bounded(created, created, CutoverSource.CloudTrail);
  return bounded(recorded.time, inSecond(apiLatest) ? apiLatest : end, CutoverSource.CloudTrail);
}

function apiUpperBound(evidence: CutoverEvidence, earliest: Date, now: Date): Date {
  const changed = evidence.lastChangedDate ?? now;
  const rotated = evidence.lastRotatedDate;
  return rotated !== undefined && rotated >= earliest ? earlier(changed, rotated) : changed;
}

function earlier(a: Date, b: Date): Date {
  return a <= b ? a : b;
}

function bounded(earliest: Date, latest: Date, source: CutoverSource): CutoverWindow {
  return latest < earliest ? { earliest, latest: earliest, source } : { earliest, latest, source };
}
