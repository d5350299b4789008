import { PROBE_NOT_APPLICABLE } from "../consumers/choose-probe-secret.js";
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
 * yet; a pin makes timing irrelevant; an accepted AWSCURRENT token proves `current`; a rejection
 * proves `stale` only with the control token's positive evidence (it accepted AWSPREVIOUS); a
 * reference to the current version id means the task read it, whenever it started; then timestamps
 * decide, and a rejection without proof that contradicts them (created after the cut-over) makes the
 * task `unknown`, with the contradiction spelt out, never `stale`.
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
  if (probe.status === ProbeStatus.Accepted) return accepted(task, probe, window);
  if (probe.status === ProbeStatus.Rejected && probe.control?.status === ProbeStatus.Accepted)
    return {
      verdict: TaskVerdict.Stale,
      reason: `It rejected a token signed with AWSCURRENT (HTTP ${probe.httpStatus ?? "401/403"}${said(probe)}) and accepted the control token signed with AWSPREVIOUS: it holds the previous key.`,
    };
  if (pin.toCurrentVersion)
    return {
      verdict: TaskVerdict.Current,
      reason: "Its task definition references the AWSCURRENT version by id, which ECS read at start.",
    };
  return classifyByTime(task, probe, window);
}

function accepted(task: TaskSnapshot, probe: ProbeReport, window: CutoverWindow): TaskClassification {
  const base = `It accepted a token signed with AWSCURRENT${probe.secret ? ` (as ${probe.secret.variable})` : ""}`;
  if (!probe.acceptsPrevious) return { verdict: TaskVerdict.Current, reason: `${base}.` };
  const startedBefore = task.startedAt !== undefined && task.startedAt < window.earliest;
  return {
    verdict: TaskVerdict.Current,
    reason: startedBefore
      ? `${base} and also the control token signed with AWSPREVIOUS, and it started before the cut-over: it verifies new tokens during a dual-key grace period, but its primary key is likely still the previous one; proven is only that it accepts both.`
      : `${base} and also the control token signed with AWSPREVIOUS: a dual-key grace period.`,
  };
}

function classifyByTime(task: TaskSnapshot, probe: ProbeReport, window: CutoverWindow): TaskClassification {
  const latest = window.latest.toISOString();
  const earliest = window.earliest.toISOString();
  const rejected = probe.status === ProbeStatus.Rejected || probe.status === ProbeStatus.Inconclusive;
  if (task.createdAt && task.createdAt > window.latest) {
    if (!rejected)
      return {
        verdict: TaskVerdict.Current,
        reason: `It was created after the cut-over (${latest})${notProbed(probe)}.`,
      };
    return {
      verdict: TaskVerdict.Unknown,
      reason: `It was created after the cut-over (${latest}), so ECS gave it AWSCURRENT, yet it ${rejection(probe)}: the evidence disagrees, so the probe's claims, path or the app's configuration are the likelier cause; nothing is forced on it.`,
    };
  }
  if (task.startedAt && task.startedAt < window.earliest)
    return {
      verdict: TaskVerdict.Stale,
      reason: `It started before the cut-over (${earliest})${rejected ? ` and ${rejection(probe)}` : notProbed(probe)}.`,
    };
  if (probe.status === ProbeStatus.Timeout || probe.status === ProbeStatus.Refused)
    return {
      verdict: TaskVerdict.Unreachable,
      reason: `It started around the cut-over and the probe ${probe.status === ProbeStatus.Timeout ? "timed out" : "was refused"}.`,
    };
  const why = rejected
    ? `it ${rejection(probe)}`
    : probe.status === ProbeStatus.Skipped
      ? "it was not probed"
      : `the probe was ${probe.status}`;
  return {
    verdict: TaskVerdict.Unknown,
    reason: `It started around the cut-over (${earliest} to ${latest}) and ${why}.`,
  };
}

/** A rejection described with what the control token showed and what the app said. */
function rejection(probe: ProbeReport): string {
  if (probe.status === ProbeStatus.Inconclusive)
    return `rejected the AWSCURRENT and AWSPREVIOUS tokens alike${said(probe)} (inconclusive: claims, path or app configuration)`;
  const control = probe.control
    ? ` (the AWSPREVIOUS control token was ${probe.control.status})`
    : " (no control token: AWSPREVIOUS is absent or identical, so the rejection alone proves nothing)";
  return `rejected the AWSCURRENT token${said(probe)}${control}`;
}

function said(probe: ProbeReport): string {
  return probe.appReason ? `, the app says "${probe.appReason}"` : "";
}

/** Why timestamps alone decided: the probe's own skip reason, when it was skipped for a reason worth reading. */
function notProbed(probe: ProbeReport): string {
  if (probe.status !== ProbeStatus.Skipped || !probe.detail?.startsWith(PROBE_NOT_APPLICABLE)) return "";
  return `; judged by timestamps only. ${probe.detail.replace(/\.$/, "")}`;
}
