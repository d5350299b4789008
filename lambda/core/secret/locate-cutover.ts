import type { HistoryPort } from "../ports.js";
import { type CutoverMove, readCutoverMoves } from "./cutover-history.js";
import {
  type CutoverHint,
  type CutoverWindow,
  deriveCutoverWindow,
  EVENT_TIME_SKEW_MS,
} from "./cutover-window.js";
import type { ResolvedSecret } from "./resolve-secret.js";
import { type RotationStep, readRotationSteps } from "./rotation-history.js";

/** CloudTrail's event history keeps management events for 90 days. */
const HISTORY_DAYS = 90;

/**
 * The cut-over window, reading CloudTrail's event history (moves of AWSCURRENT, and the rotation steps
 * RotateSecret and RotationSucceeded that bound one) only when the run cannot trust an event
 * alone: no event time (sweeps, direct runs, deployment re-verification), an event dated in the
 * future, or something changed the secret after the event (a later move may have replaced the one
 * the event describes). A failed lookup falls back to the API bounds rather than failing the run.
 */
export async function locateCutover(
  history: HistoryPort | undefined,
  hint: CutoverHint | null,
  secret: ResolvedSecret,
  now: Date,
): Promise<CutoverWindow> {
  const read =
    history && needsHistory(hint, secret, now) ? await readHistory(history, secret.arn, now) : none;
  return deriveCutoverWindow(hint, secret, now, read.moves, read.rotationSteps);
}

function needsHistory(hint: CutoverHint | null, secret: ResolvedSecret, now: Date): boolean {
  if (hint === null) return true;
  if (hint.time.getTime() > now.getTime() + EVENT_TIME_SKEW_MS) return true;
  const changed = secret.lastChangedDate;
  return changed !== undefined && changed.getTime() > hint.time.getTime() + 1000;
}

interface ReadHistory {
  readonly moves: readonly CutoverMove[];
  readonly rotationSteps: readonly RotationStep[];
}

const none: ReadHistory = { moves: [], rotationSteps: [] };

async function readHistory(history: HistoryPort, secretArn: string, now: Date): Promise<ReadHistory> {
  try {
    const since = new Date(now.getTime() - HISTORY_DAYS * 24 * 60 * 60 * 1000);
    const records = await history.lookUpSecretEvents(secretArn, since);
    return { moves: readCutoverMoves(records), rotationSteps: readRotationSteps(records) };
  } catch {
    // No history (throttled, not granted): the API bounds still give a conservative window.
    return none;
  }
}
