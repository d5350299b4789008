import { ProbeStatus, type SecurityFinding, SecurityFindingKind, TaskVerdict } from "../report/report.js";
import {
  type GateBlock,
  type GateClock,
  type GateConfig,
  type GateDecision,
  GateFailurePolicy,
  HookStatus,
} from "./gate-types.js";
import type { GreenEvidence } from "./verify-green-secret.js";

/** Probe outcomes that say nothing yet: a starting app refuses, times out or answers 503. */
const notAnswering: readonly string[] = [
  ProbeStatus.Timeout,
  ProbeStatus.Refused,
  ProbeStatus.Error,
  ProbeStatus.Unexpected,
];
const undecidedVerdicts: readonly string[] = [TaskVerdict.Pending, TaskVerdict.Unreachable];

/**
 * The gate's verdict rules. Proof against the revision fails it at once, whatever else is still
 * starting: a pin to a non-current version, a task proven stale, any accepted forged token. Then,
 * while a green task is not RUNNING, not answering its probe, or without evidence either way, the
 * gate waits (IN_PROGRESS) up to `maxWaitSeconds`, after which the failure policy decides; a task
 * that answered but cannot be judged (`unknown`: it rejected both the current and the previous key)
 * goes to the failure policy at once, since waiting will not change its answer. Otherwise
 * every green task holds AWSCURRENT: SUCCEEDED. No green task at all is also waited on: at
 * POST_SCALE_UP ECS has started them, so none means they have not registered yet.
 */
export function decideGate(
  evidence: readonly GreenEvidence[],
  greenTasks: number,
  clock: GateClock,
  config: GateConfig,
): GateDecision {
  const blocks = evidence.flatMap(blocksOf);
  if (blocks.length > 0)
    return {
      status: HookStatus.Failed,
      reason: `${blocks.length} problem(s) on the new revision: ${blocks.map(describeBlock).join("; ")}`,
      blocks,
      byPolicy: false,
    };
  const undecided = evidence.flatMap(undecidedOf);
  if (greenTasks === 0) undecided.push("no task of the new revision is running yet");
  const unknown = evidence.flatMap(unknownOf);
  if (undecided.length === 0 && unknown.length > 0)
    return applyFailurePolicy(`no evidence either way: ${unknown.join("; ")}`, config);
  if (undecided.length === 0) return succeeded(evidence, greenTasks);
  const waitedMs = clock.elapsedMs;
  const maxMs = config.maxWaitSeconds * 1000;
  if (waitedMs < maxMs)
    return {
      status: HookStatus.InProgress,
      reason: `Waiting for the new tasks: ${undecided.join("; ")}.`,
      callBackDelay: Math.max(1, Math.min(config.callBackDelaySeconds, Math.ceil((maxMs - waitedMs) / 1000))),
      blocks: [],
      byPolicy: false,
    };
  return applyFailurePolicy(
    `still undecided after ${config.maxWaitSeconds} s: ${[...undecided, ...unknown].join("; ")}`,
    config,
  );
}

/** Tasks the evidence cannot judge and waiting will not help (they answered, but rejected both keys). */
function unknownOf(evidence: GreenEvidence): string[] {
  return evidence.tasks
    .filter((task) => task.verdict === TaskVerdict.Unknown && !notAnswering.includes(task.probe.status))
    .map((task) => `${shortTask(task.taskArn)} (${task.reason})`);
}

function blocksOf(evidence: GreenEvidence): GateBlock[] {
  const secretName = evidence.secret.name;
  const blocks: GateBlock[] = evidence.findings.map((finding) => ({
    secretName,
    taskArn: finding.taskArn,
    why: describeFinding(finding),
    critical: true,
  }));
  const pin = evidence.usage?.pin;
  if (pin?.pinned)
    blocks.push({
      secretName,
      taskArn: null,
      why: `the task definition pins ${secretName} to ${pin.pin}, not AWSCURRENT: its tasks start with a key users' tokens are not signed with`,
      critical: false,
    });
  for (const task of evidence.tasks)
    if (task.verdict === TaskVerdict.Stale)
      blocks.push({ secretName, taskArn: task.taskArn, why: task.reason, critical: false });
  return blocks;
}

function undecidedOf(evidence: GreenEvidence): string[] {
  return evidence.tasks
    .filter(
      (task) =>
        undecidedVerdicts.includes(task.verdict) ||
        (evidence.probed && notAnswering.includes(task.probe.status)),
    )
    .map(
      (task) =>
        `${shortTask(task.taskArn)} ${task.verdict === TaskVerdict.Pending ? `is ${task.lastStatus}` : `(${task.probe.detail ?? task.reason})`}`,
    );
}

function succeeded(evidence: readonly GreenEvidence[], greenTasks: number): GateDecision {
  const names = evidence.map((item) => item.secret.name).join(", ");
  const probed = evidence.some((item) => item.probed);
  return {
    status: HookStatus.Succeeded,
    reason: `${greenTasks} new task(s) hold AWSCURRENT of ${names}${probed ? " and refused forged tokens" : " (judged by task definition and start time: no probe path is configured)"}.`,
    blocks: [],
    byPolicy: false,
  };
}

function describeFinding(finding: SecurityFinding): string {
  const what =
    finding.kind === SecurityFindingKind.AcceptsAlgNone
      ? "accepted an unsigned token (alg: none)"
      : "accepted a token signed with a wrong key";
  return `critical: it ${what}, so anyone can forge a token it trusts`;
}

function describeBlock(block: GateBlock): string {
  return block.taskArn ? `task ${shortTask(block.taskArn)}: ${block.why}` : block.why;
}

/** The task id: enough to find it in the console, short enough for one log line. */
export function shortTask(taskArn: string): string {
  return taskArn.slice(taskArn.lastIndexOf("/") + 1);
}

/**
 * The answer when the verifier cannot verify (an AWS call failed, the time limit ran out, new tasks
 * stayed undecided past the maximum wait or answered without evidence either way): `open`
 * lets the deployment through, `closed` rolls it back. Either way `byPolicy` is set, so the
 * GateInconclusive alarm fires: failing open is never silent.
 */
export function applyFailurePolicy(what: string, config: GateConfig): GateDecision {
  const open = config.onError === GateFailurePolicy.Open;
  return {
    status: open ? HookStatus.Succeeded : HookStatus.Failed,
    reason: `The gate could not verify (${what}): the ${config.onError} failure policy ${open ? "lets the deployment through" : "rolls it back"}.`,
    blocks: [],
    byPolicy: true,
  };
}
