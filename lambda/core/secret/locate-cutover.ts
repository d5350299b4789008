import type { HistoryPort } from "../ports.js";
import { type CutoverMove, readCutoverMoves } from "./cutover-history.js";
import {
  type CutoverHint,
  type CutoverWindow,
  deriveCutoverWindow,
  EVENT_TIME_SKEW_MS,
} from "./cutover-window.js";
import type { ResolvedSecret } from "./resolve-secret.js";

/** CloudTrail's event history keeps management events for 90 days. */
const HISTORY_DAYS = 90;

/**
 * The cut-over window, reading CloudTrail's event history only when the run cannot trust an event
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
  const moves = history && needsHistory(hint, secret, now) ? await readMoves(history, secret.arn, now) : [];
  return deriveCutoverWindow(hint, secret, now, moves);
}

function needsHistory(hint: CutoverHint | null, secret: ResolvedSecret, now: Date): boolean {
  if (hint === null) return true;
  if (hint.time.getTime() > now.getTime() + EVENT_TIME_SKEW_MS) return true;
  const changed = secret.lastChangedDate;
  return changed !== undefined && changed.getTime() > hint.time.getTime() + 1000;
}

async function readMoves(history: HistoryPort, secretArn: string, now: Date): Promise<CutoverMove[]> {
  try {
    const since = new Date(now.getTime() - HISTORY_DAYS * 24 * 60 * 60 * 1000);
    return readCutoverMoves(await history.lookUpSecretEvents(secretArn, since));
  } catch {
    // No history (throttled, not granted): the API bounds still give a conservative window.
    return [];
  }
}
