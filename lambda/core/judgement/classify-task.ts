import { PROBE_NOT_APPLICABLE } from "../consumers/choose-probe-secret.js";
import type { PinState } from "../consumers/parse-value-from.js";
import { PROBE_NO_SECRET_VALUE } from "../probes/probe-run.js";
import {
  TaskEvidence as Evidence,
  type TaskEvidence as EvidenceKind,
  IssuerKeyMatch,
  type IssuerProbeReport,
  type ProbeReport,
  ProbeStatus,
  type SecurityFindingKind,
  TaskVerdict,
} from "../report/report.js";
import type { CutoverWindow } from "../secret/cutover-window.js";
import type { TaskSnapshot } from "../snapshots.js";

/** A verdict, what it rests on, and the one sentence of evidence behind it. */
export interface TaskClassification {
  readonly verdict: TaskVerdict;
  readonly evidence: EvidenceKind;
  readonly reason: string;
}

/** Everything known about one task when it is judged. */
export interface TaskEvidence {
  readonly task: TaskSnapshot;
  /** Pinned when none of the task's references to the secret follows AWSCURRENT. */
  readonly pin: PinState;
  readonly probe: ProbeReport;
  /** True when its task definition reads the secret only as registry credentials. @default false */
  readonly pullOnly?: boolean;
  /**
   * Set when the task reads the secret at run time through a cache (service tags), with the run's
   * clock: holding the previous key within the TTL after the cut-over is `refreshing`, not `stale`,
   * and its start time proves nothing. @default the secret is injected at start
   */
  readonly runtimeFetch?: { readonly ttlSeconds: number; readonly now: Date };
}

/**
 * Judges one task against the cut-over. Order matters: a task that is not RUNNING has read nothing
 * yet; registry credentials are read at image pull only, so a task reading the secret only there
 * holds nothing to verify; a pin makes timing irrelevant; a task that accepted a forged token
 * (`alg: none`, a wrong key) accepts anything, so none of its probe answers speaks for its key and
 * only its task definition and timestamps are evidence; an accepted AWSCURRENT token proves
 * `current`; a rejection proves `stale` only with the control token's positive evidence (it
 * accepted AWSPREVIOUS); a reference to the current version id means the task read it, whenever it
 * started; then timestamps decide, and a rejection without proof that contradicts them (created
 * after the cut-over) makes the task `unknown`, with the contradiction spelt out, never `stale`.
 */
export function classifyTask(evidence: TaskEvidence, window: CutoverWindow): TaskClassification {
  const { task, pin, probe } = evidence;
  if (task.lastStatus !== "RUNNING")
    return judged(
      TaskVerdict.Pending,
      Evidence.TaskStatus,
      `The task is ${task.lastStatus}, not RUNNING yet.`,
    );
  if (evidence.pullOnly)
    return judged(
      TaskVerdict.Unaffected,
      Evidence.TaskDefinition,
      "Its task definition reads the secret only as registry credentials (repositoryCredentials), which ECS uses to pull the image at start: the running containers hold no copy, so the rotation leaves nothing stale and nothing to force; the next pull reads AWSCURRENT.",
    );
  if (pin.pinned)
    return judged(
      TaskVerdict.Pinned,
      Evidence.TaskDefinition,
      `Its task definition pins the secret to ${pin.pin}, so a redeploy reads the same value.`,
    );
  if (probe.acceptedForged && probe.acceptedForged.length > 0)
    return acceptsAnyToken(task, pin, probe, window);
  if (probe.status === ProbeStatus.Rejected && probe.control?.status === ProbeStatus.Accepted)
    return provenPrevious(
      evidence,
      window,
      Evidence.Probe,
      `It rejected a token signed with AWSCURRENT (HTTP ${probe.httpStatus ?? "401/403"}${said(probe)}) and accepted the control token signed with AWSPREVIOUS: it holds the previous key only (acceptsPrevious here is the proof of stale, not a dual-key grace period).`,
    );
  const issuer = probe.issuer ?? [];
  const signsPrevious = issuer.find((report) => report.match === IssuerKeyMatch.Previous);
  if (signsPrevious)
    return provenPrevious(evidence, window, issuerEvidence(signsPrevious), signsPrevious.detail);
  const signsNeither = issuer.find((report) => report.match === IssuerKeyMatch.Neither);
  if (signsNeither)
    return judged(
      TaskVerdict.Unknown,
      issuerEvidence(signsNeither),
      `${signsNeither.detail} Neither version's key: a redeploy reads the same secret, so nothing is forced; check which key the service is configured with.`,
    );
  if (probe.status === ProbeStatus.Accepted) return accepted(task, probe, window);
  const signsCurrent = issuer.find((report) => report.match === IssuerKeyMatch.Current);
  if (signsCurrent) return judged(TaskVerdict.Current, issuerEvidence(signsCurrent), signsCurrent.detail);
  if (pin.toCurrentVersion)
    return judged(
      TaskVerdict.Current,
      Evidence.VersionId,
      "Its task definition references the AWSCURRENT version by id, which ECS read at start.",
    );
  if (evidence.runtimeFetch) return classifyRuntimeFetch(task, probe, window, evidence.runtimeFetch);
  return withUnreadLog(classifyByTime(task, probe, window), issuer);
}

/** An `unknown` task whose logged fingerprint was tagged but not read says why it was not. */
function withUnreadLog(
  classification: TaskClassification,
  issuer: readonly IssuerProbeReport[],
): TaskClassification {
  const log = issuer.find((report) => report.kind === "log");
  if (classification.verdict !== TaskVerdict.Unknown || !log) return classification;
  return { ...classification, reason: `${classification.reason} Its logged key fingerprint: ${log.detail}.` };
}

function issuerEvidence(report: IssuerProbeReport): EvidenceKind {
  if (report.kind === "log") return Evidence.LogFingerprint;
  return report.kind === "jwks" ? Evidence.Jwks : Evidence.IssuerProbe;
}

/**
 * Proof that the task holds the previous key. An injected secret makes that `stale`; a task that
 * fetches the secret at run time is `refreshing` until its cache TTL after the cut-over has run out
 * (it will fetch AWSCURRENT on its own), and `stale` after it: it does not refresh, and a redeploy
 * makes it fetch again.
 */
function provenPrevious(
  evidence: TaskEvidence,
  window: CutoverWindow,
  kind: EvidenceKind,
  proof: string,
): TaskClassification {
  const fetch = evidence.runtimeFetch;
  if (!fetch) return judged(TaskVerdict.Stale, kind, proof);
  const refreshBy = new Date(window.latest.getTime() + fetch.ttlSeconds * 1000);
  if (fetch.now < refreshBy)
    return judged(
      TaskVerdict.Refreshing,
      kind,
      `${proof} It fetches the secret at run time with a cache TTL of ${fetch.ttlSeconds} s, which runs out at ${refreshBy.toISOString()}: it should fetch AWSCURRENT by then on its own, so it is waited on and re-verified after that, never forced.`,
    );
  return judged(
    TaskVerdict.Stale,
    kind,
    `${proof} It fetches the secret at run time with a cache TTL of ${fetch.ttlSeconds} s, which ran out at ${refreshBy.toISOString()}: it did not refresh (it reads once, or its cache is broken); a redeploy makes it fetch again.`,
  );
}

/**
 * A runtime-fetch task without proof either way: its start time says nothing about a value it
 * re-reads, except that one created after the cut-over fetched AWSCURRENT first. Inside the TTL it
 * is waited on; after it, without a probe, nothing is known.
 */
function classifyRuntimeFetch(
  task: TaskSnapshot,
  probe: ProbeReport,
  window: CutoverWindow,
  fetch: { readonly ttlSeconds: number; readonly now: Date },
): TaskClassification {
  const latest = window.latest.toISOString();
  if (task.createdAt && task.createdAt > window.latest)
    return judged(
      TaskVerdict.Current,
      Evidence.Timestamps,
      `It fetches the secret at run time and was created after the cut-over (${latest}), so its first read was AWSCURRENT.`,
    );
  const refreshBy = new Date(window.latest.getTime() + fetch.ttlSeconds * 1000);
  const why = probe.status === ProbeStatus.Skipped ? "it was not probed" : `the probe was ${probe.status}`;
  if (fetch.now < refreshBy)
    return judged(
      TaskVerdict.Refreshing,
      Evidence.Timestamps,
      `It fetches the secret at run time with a cache TTL of ${fetch.ttlSeconds} s and ${why}: until ${refreshBy.toISOString()} it may still hold the previous key and refresh on its own; re-verified after that, never forced.`,
    );
  return judged(
    TaskVerdict.Unknown,
    Evidence.None,
    `It fetches the secret at run time (cache TTL ${fetch.ttlSeconds} s, ran out at ${refreshBy.toISOString()}) and ${why}: its start time proves nothing about a value it re-reads, so only a probe can tell.`,
  );
}

/**
 * A task that accepted a forged token: its AWSCURRENT and control answers are void. Its task
 * definition (a reference to the current version id) and its timestamps still speak; the verdict
 * says which, under the evidence `accepts-any-token`.
 */
function acceptsAnyToken(
  task: TaskSnapshot,
  pin: PinState,
  probe: ProbeReport,
  window: CutoverWindow,
): TaskClassification {
  const forged = describeForged(probe.acceptedForged ?? []);
  const why = `It accepted ${forged}, so it accepts any token: its answers to the AWSCURRENT and AWSPREVIOUS tokens prove nothing about which key it holds (critical finding)`;
  if (!pin.pinned && pin.toCurrentVersion)
    return judged(
      TaskVerdict.Current,
      Evidence.AcceptsAnyToken,
      `${why}. Its task definition references the AWSCURRENT version by id, which ECS read at start.`,
    );
  const latest = window.latest.toISOString();
  const earliest = window.earliest.toISOString();
  if (task.createdAt && task.createdAt > window.latest)
    return judged(
      TaskVerdict.Current,
      Evidence.AcceptsAnyToken,
      `${why}; judged by timestamps alone: it was created after the cut-over (${latest}), so ECS gave it AWSCURRENT.`,
    );
  if (task.startedAt && task.startedAt < window.earliest)
    return judged(
      TaskVerdict.Stale,
      Evidence.AcceptsAnyToken,
      `${why}; judged by timestamps alone: it started before the cut-over (${earliest}).`,
    );
  return judged(
    TaskVerdict.Unknown,
    Evidence.AcceptsAnyToken,
    `${why}; it started around the cut-over (${earliest} to ${latest}), so timestamps do not settle it either.`,
  );
}

function accepted(task: TaskSnapshot, probe: ProbeReport, window: CutoverWindow): TaskClassification {
  const base = `It accepted a token signed with AWSCURRENT${probe.secret ? ` (as ${probe.secret.variable})` : ""}`;
  if (!probe.acceptsPrevious) return judged(TaskVerdict.Current, Evidence.Probe, `${base}.`);
  const startedBefore = task.startedAt !== undefined && task.startedAt < window.earliest;
  return judged(
    TaskVerdict.Current,
    Evidence.Probe,
    startedBefore
      ? `${base} and also the control token signed with AWSPREVIOUS, and it started before the cut-over: it verifies new tokens during a dual-key grace period, but its primary key is likely still the previous one; proven is only that it accepts both.`
      : `${base} and also the control token signed with AWSPREVIOUS: a dual-key grace period.`,
  );
}

function classifyByTime(task: TaskSnapshot, probe: ProbeReport, window: CutoverWindow): TaskClassification {
  const latest = window.latest.toISOString();
  const earliest = window.earliest.toISOString();
  const rejected = probe.status === ProbeStatus.Rejected || probe.status === ProbeStatus.Inconclusive;
  if (task.createdAt && task.createdAt > window.latest) {
    if (!rejected)
      return judged(
        TaskVerdict.Current,
        Evidence.Timestamps,
        `It was created after the cut-over (${latest})${notProbed(probe)}.`,
      );
    return judged(
      TaskVerdict.Unknown,
      Evidence.None,
      `It was created after the cut-over (${latest}), so ECS gave it AWSCURRENT, yet it ${rejection(probe)}: the evidence disagrees, so the probe's claims, path or the app's configuration are the likelier cause; nothing is forced on it.`,
    );
  }
  if (task.startedAt && task.startedAt < window.earliest)
    return judged(
      TaskVerdict.Stale,
      Evidence.Timestamps,
      `It started before the cut-over (${earliest})${rejected ? ` and ${rejection(probe)}` : notProbed(probe)}.`,
    );
  if (probe.status === ProbeStatus.Timeout || probe.status === ProbeStatus.Refused)
    return judged(
      TaskVerdict.Unreachable,
      Evidence.None,
      `It started around the cut-over and the probe ${probe.status === ProbeStatus.Timeout ? "timed out" : "was refused"}.`,
    );
  const why = rejected
    ? `it ${rejection(probe)}`
    : probe.status === ProbeStatus.Skipped
      ? skippedBecause(probe)
      : `the probe was ${probe.status}`;
  return judged(
    TaskVerdict.Unknown,
    Evidence.None,
    `It started around the cut-over (${earliest} to ${latest}) and ${why}.`,
  );
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

/** Skip reasons worth reading in a verdict: the probe does not apply, or no key could be read. */
const explainedSkips = [PROBE_NOT_APPLICABLE, PROBE_NO_SECRET_VALUE];

/** Why timestamps alone decided: the probe's own skip reason, when it was skipped for a reason worth reading. */
function notProbed(probe: ProbeReport): string {
  const detail = explainedSkip(probe);
  if (detail === undefined) return "";
  return `; judged by timestamps only. ${detail.charAt(0).toUpperCase()}${detail.slice(1)}`;
}

function skippedBecause(probe: ProbeReport): string {
  const detail = explainedSkip(probe);
  if (detail === undefined) return "it was not probed";
  return detail.startsWith("not probed") ? `it was ${detail}` : `it was not probed (${detail})`;
}

function explainedSkip(probe: ProbeReport): string | undefined {
  const detail = probe.detail;
  if (probe.status !== ProbeStatus.Skipped || detail === undefined) return undefined;
  if (!explainedSkips.some((prefix) => detail.startsWith(prefix))) return undefined;
  return detail.replace(/\.$/, "");
}

function describeForged(kinds: readonly SecurityFindingKind[]): string {
  const words = kinds.map((kind) =>
    kind === "accepts-alg-none" ? "an unsigned token (alg: none)" : "a token signed with a wrong key",
  );
  return words.join(" and ");
}

function judged(verdict: TaskVerdict, evidence: EvidenceKind, reason: string): TaskClassification {
  return { verdict, evidence, reason };
}
