import type { PinState } from "../consumers/parse-value-from.js";
import { type ProbeReport, ProbeStatus, TaskVerdict } from "../report/report.js";
import type { CutoverWindow } from "../secret/cutover-window.js";
import type { TaskSnapshot } from "../snapshots.js";

/** A verdict and the one sentence of evidence behind it. */
export interface TaskClassification {
  readonly verdict: TaskVerdict;
  readonly reason: string;
}

/** Everything known about one task when it is judged. */
export interface TaskEvidence {
  readonly task: TaskSnapshot;
  /** Pinned when none of the task's references to the secret follows AWSCURRENT. */
  readonly pin: PinState;
  readonly probe: ProbeReport;
}

/**
 * Judges one task against the cut-over. Order matters: a task that is not RUNNING has read nothing
 * yet; a pin makes timing irrelevant; a decisive probe (accepted, or 401/403) is direct evidence and
 * beats what the task definition implies; a reference to the current version id means the task read
 * it, whenever it started (rotation creates the version before the move); then timestamps: created after the window → current, started before it → stale,
 * in between → the probe was the only way to tell (`unreachable` if it failed, else `unknown`).
 */
export function classifyTask(evidence: TaskEvidence, window: CutoverWindow): TaskClassification {
  const { task, pin, probe } = evidence;
  if (task.lastStatus !== "RUNNING")
    return { verdict: TaskVerdict.Pending, reason: `The task is ${task.lastStatus}, not RUNNING yet.` };
  if (pin.pinned)
    return {
      verdict: TaskVerdict.Pinned,
      reason: `Its task definition pins the secret to ${pin.pin}, so a redeploy reads the same value.`,
    };
  if (probe.status === ProbeStatus.Accepted)
    return { verdict: TaskVerdict.Current, reason: "It accepted a token signed with the AWSCURRENT key." };
  if (probe.status === ProbeStatus.Rejected)
    return {
      verdict: TaskVerdict.Stale,
      reason: `It rejected a token signed with the AWSCURRENT key (HTTP ${probe.httpStatus ?? "401/403"}).`,
    };
  if (pin.toCurrentVersion)
    return {
      verdict: TaskVerdict.Current,
      reason: "Its task definition references the AWSCURRENT version by id, which ECS read at start.",
    };
  return classifyByTime(task, probe, window);
}

function classifyByTime(task: TaskSnapshot, probe: ProbeReport, window: CutoverWindow): TaskClassification {
  const latest = window.latest.toISOString();
  const earliest = window.earliest.toISOString();
  if (task.createdAt && task.createdAt > window.latest)
    return { verdict: TaskVerdict.Current, reason: `It was created after the cut-over (${latest}).` };
  if (task.startedAt && task.startedAt < window.earliest)
    return { verdict: TaskVerdict.Stale, reason: `It started before the cut-over (${earliest}).` };
  if (probe.status === ProbeStatus.Timeout || probe.status === ProbeStatus.Refused)
    return {
      verdict: TaskVerdict.Unreachable,
      reason: `It started around the cut-over and the probe ${probe.status === ProbeStatus.Timeout ? "timed out" : "was refused"}.`,
    };
  const why = probe.status === ProbeStatus.Skipped ? "it was not probed" : `the probe was ${probe.status}`;
  return {
    verdict: TaskVerdict.Unknown,
    reason: `It started around the cut-over (${earliest} to ${latest}) and ${why}.`,
  };
}
