import type { HistoryPort } from "../ports.js";
import { describeFailure, type GapLog } from "../report/gap-log.js";
import { GapScope } from "../report/report.js";
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
 * the event describes). A failed lookup falls back to the API bounds rather than failing the run,
 * and leaves a gap in `gaps` naming what is most likely missing (the grant, or a route to CloudTrail).
 */
export async function locateCutover(
  history: HistoryPort | undefined,
  hint: CutoverHint | null,
  secret: ResolvedSecret,
  now: Date,
  gaps?: GapLog,
): Promise<CutoverWindow> {
  const read =
    history && needsHistory(hint, secret, now) ? await readHistory(history, secret.arn, now, gaps) : none;
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

async function readHistory(
  history: HistoryPort,
  secretArn: string,
  now: Date,
  gaps: GapLog | undefined,
): Promise<ReadHistory> {
  try {
    const since = new Date(now.getTime() - HISTORY_DAYS * 24 * 60 * 60 * 1000);
    const records = await history.lookUpSecretEvents(secretArn, since);
    return { moves: readCutoverMoves(records), rotationSteps: readRotationSteps(records) };
  } catch (error) {
    // No history: the API bounds still give a conservative window, and the report says why it is wide.
    gaps?.recordFailure({
      scope: GapScope.Cutover,
      cluster: null,
      resource: secretArn,
      error,
      consequence: historyConsequence(describeFailure(error).errorCode),
    });
    return none;
  }
}

/** AWS error names that mean the caller is not allowed (IAM, an SCP, a VPC endpoint policy). */
const DENIED = new Set(["AccessDeniedException", "AccessDenied", "UnauthorizedOperation"]);
/** Names of calls that got no answer: in private subnets, no route to CloudTrail's API. */
const UNANSWERED = new Set(["CallTimeout", "TimeoutError", "RequestTimeout", "ECONNREFUSED", "ETIMEDOUT"]);

/**
 * What an operator should fix, by the lookup's error: a denial is the role (or an SCP) missing
 * `cloudtrail:LookupEvents`; no answer is, from private subnets, a missing NAT gateway or CloudTrail
 * interface endpoint (`com.amazonaws.<region>.cloudtrail`). Either way the window falls back to the
 * API bounds, which is wider: tasks started inside it are `unknown` rather than judged.
 */
export function historyConsequence(errorCode: string): string {
  const fallback =
    "the cut-over window falls back to the API bounds (wider), so tasks started inside it are unknown rather than judged.";
  if (DENIED.has(errorCode))
    return `CloudTrail's event history was refused: grant cloudtrail:LookupEvents (the stack's LookUpSecretHistory statement) and check SCPs and VPC endpoint policies; ${fallback}`;
  if (UNANSWERED.has(errorCode))
    return `CloudTrail's API did not answer: from private subnets the function needs a NAT gateway or a CloudTrail interface endpoint (com.amazonaws.<region>.cloudtrail); ${fallback}`;
  return `CloudTrail's event history could not be read; ${fallback}`;
}
