import type { EventTiming } from "./trigger.js";

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
}

/**
 * Derives the window. An event that is the move itself gives an exact time, but only if the
 * version it names is still AWSCURRENT (otherwise it describes an older cut-over).
 *
 * Without one, no API stores when AWSCURRENT moved, so the bounds are conservative:
 * - `earliest` = the AWSCURRENT version's CreatedDate: rotation creates the version (AWSPENDING)
 *   before it moves AWSCURRENT, so the move cannot be earlier;
 * - `latest` = the secret's LastChangedDate: any change bumps it, the move included, so the move
 *   cannot be later (`now` when Secrets Manager gives no date).
 * A later metadata change (tags, description) widens the window; probes settle the tasks inside it.
 */
export function deriveCutoverWindow(
  hint: CutoverHint | null,
  evidence: CutoverEvidence,
  now: Date,
): CutoverWindow {
  const earliest = evidence.currentCreatedDate ?? new Date(0);
  const sameVersion = hint?.versionId === null || hint?.versionId === evidence.currentVersionId;
  if (hint && sameVersion && hint.timing === "at-cutover")
    return { earliest: hint.time, latest: eventUpperBound(hint.time, evidence), source: CutoverSource.Event };
  if (hint && sameVersion && hint.timing === "after-cutover")
    return bounded(earliest, eventUpperBound(hint.time, evidence), CutoverSource.EventUpperBound);
  return bounded(earliest, evidence.lastChangedDate ?? now, CutoverSource.ApiBounds);
}

/**
 * EventBridge and CloudTrail stamp events to the whole second (`03:14:20Z`): the move happened
 * somewhere in that second. A task created at 03:14:20.400 may still have read the old value, so
 * a whole-second time stands for a window that ends 999 ms later; a time with milliseconds is exact.
 */
function endOfReportedSecond(time: Date): Date {
  return time.getUTCMilliseconds() === 0 ? new Date(time.getTime() + 999) : time;
}

/**
 * The latest the move can have happened given an event time: the end of its reported second, or the
 * secret's LastChangedDate (milliseconds) when that is earlier, since the move bumped it. Without this,
 * a forced deployment created within the event's second would not count as "after the cut-over", and a
 * second event for the same rotation would force the service again.
 */
function eventUpperBound(time: Date, evidence: CutoverEvidence): Date {
  const end = endOfReportedSecond(time);
  const changed = evidence.lastChangedDate;
  return changed && changed >= time && changed < end ? changed : end;
}

function bounded(earliest: Date, latest: Date, source: CutoverSource): CutoverWindow {
  return latest < earliest ? { earliest, latest: earliest, source } : { earliest, latest, source };
}
