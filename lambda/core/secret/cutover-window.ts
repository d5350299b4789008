import type { EventTiming } from "../intake/trigger.js";
import { type CutoverMove, lastMoveOnto } from "./cutover-history.js";
import { type CutoverEvidence, CutoverSource, type CutoverWindow } from "./cutover-source.js";
import {
  atEventWindow,
  bounded,
  endOfReportedSecond,
  narrowed,
  recordedWindow,
  rotationWindow,
} from "./history-window.js";
import { type RotationStep, rotationBoundsFor } from "./rotation-history.js";

export { type CutoverEvidence, CutoverSource, type CutoverWindow } from "./cutover-source.js";

/**
 * How far in the future an event time may lie and still be believed (clock skew between services).
 * Later than this, it is forged or broken, and says nothing about the cut-over.
 */
export const EVENT_TIME_SKEW_MS = 5 * 60 * 1000;

/** The event time and what it means, when the trigger had one. */
export interface CutoverHint {
  readonly time: Date;
  readonly timing: EventTiming;
  /** The version the event says became AWSCURRENT, if it says. */
  readonly versionId: string | null;
}

/**
 * Derives the window.
 *
 * An event about the move gives its time: the move itself (`at-cutover`) bounds both ends (unless it
 * was stamped just after a move at a second's end, see `atEventWindow`), a later
 * event (RotationSucceeded, `after-cutover`) only the upper one. An event is used only if the version
 * it names is still AWSCURRENT and it is not older than that version (a delayed event about an earlier
 * rotation says nothing about this one).
 *
 * Without a usable event, a move CloudTrail recorded (PutSecretValue labelling AWSCURRENT,
 * UpdateSecretVersionStage moving it) dates the cut-over; without one, the rotation steps recorded for
 * the current version bound it: RotationSucceeded comes after the move (upper bound) and RotateSecret
 * before it (lower bound; never taken as the move, which happens later, at finishSecret).
 *
 * Without any of these, no API stores when AWSCURRENT moved, so the bounds are conservative:
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
  rotationSteps: readonly RotationStep[] = [],
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
    return atEventWindow(hint.time, apiLatest, evidence.currentCreatedDate);
  if (usable && hint.timing === "after-cutover")
    return bounded(earliest, narrowed(hint.time, apiLatest, earliest), CutoverSource.EventUpperBound);
  if (recorded) return recordedWindow(recorded, evidence, apiLatest);
  const rotation = rotationBoundsFor(rotationSteps, evidence.currentVersionId, notAfter);
  return (
    rotationWindow(rotation, evidence, apiLatest) ?? bounded(earliest, apiLatest, CutoverSource.ApiBounds)
  );
}

function apiUpperBound(evidence: CutoverEvidence, earliest: Date, now: Date): Date {
  const changed = evidence.lastChangedDate ?? now;
  const rotated = evidence.lastRotatedDate;
  return rotated !== undefined && rotated >= earliest ? earlier(changed, rotated) : changed;
}

function earlier(a: Date, b: Date): Date {
  return a <= b ? a : b;
}
