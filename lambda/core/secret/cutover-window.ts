import type { EventTiming } from "../intake/trigger.js";

/** Where a cut-over window came from; reported as `cutoverSource`. */
export const CutoverSource = {
  /** The event is the AWSCURRENT move itself: an exact time. */
  Event: "event",
  /** The event followed the move (RotationSucceeded): its time is the upper bound. */
  EventUpperBound: "event-upper-bound",
  /** No usable event time: the widest bounds the Secrets Manager APIs allow. */
  ApiBounds: "api-bounds",
} as const;
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
 * Without one, no API stores when AWSCURRENT moved, so the bounds are conservative:
 * - `earliest` = the AWSCURRENT version's CreatedDate: rotation creates the version (AWSPENDING)
 *   before it moves AWSCURRENT, so the move cannot be earlier;
 * - `latest` = the earliest of the secret's LastChangedDate (every change bumps it, the move
 *   included) and, when it belongs to this version, LastRotatedDate (a rotation sets it once its
 *   move is done; unlike LastChangedDate, a later tag or description edit does not move it).
 * Tasks inside the window are settled by probes.
 */
export function deriveCutoverWindow(
  hint: CutoverHint | null,
  evidence: CutoverEvidence,
  now: Date,
): CutoverWindow {
  const earliest = evidence.currentCreatedDate ?? new Date(0);
  const apiLatest = apiUpperBound(evidence, earliest, now);
  const usable =
    hint !== null &&
    (hint.versionId === null || hint.versionId === evidence.currentVersionId) &&
    endOfReportedSecond(hint.time) >= earliest;
  if (usable && hint.timing === "at-cutover")
    return bounded(hint.time, narrowed(hint.time, apiLatest, hint.time), CutoverSource.Event);
  if (usable && hint.timing === "after-cutover")
    return bounded(earliest, narrowed(hint.time, apiLatest, earliest), CutoverSource.EventUpperBound);
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
