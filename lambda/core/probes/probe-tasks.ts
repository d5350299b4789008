import { KeyMaterialError } from "../../errors.js";
import { formatAddress } from "../consumers/resolve-task-address.js";
import { mapConcurrent } from "../map-concurrent.js";
import { type ProbeReport, ProbeStatus, type SecurityFinding } from "../report/report.js";
import { importProbeKeys, type ProbeKeyPair } from "./import-probe-keys.js";
import { probeCurrent } from "./probe-current.js";
import {
  type AnsweredTarget,
  type ProbeContext,
  type ProbeResults,
  type ProbeRun,
  type ProbeTarget,
  securityNeedMs,
} from "./probe-run.js";
import { probeSecurity, probeSecurityOf } from "./probe-security.js";
import type { ProbeClaims } from "./probe-signer.js";
import { createSecurityPacing } from "./security-pacing.js";
import type { ProbeCall } from "./send-probe.js";
import { createServiceTokens } from "./service-tokens.js";

type Outcome = {
  report: ProbeReport;
  /** Set when the security probes wait for the security pass. */
  deferred?: AnsweredTarget;
  /** Findings of security probes sent right after the verdict probes. */
  findings?: readonly SecurityFinding[];
};

/**
 * Probes every target whose probed container verifies with the secret, with bounded concurrency.
 * Each task first gets its AWSCURRENT token, then its AWSPREVIOUS control token (when AWSPREVIOUS
 * exists and differs), which tells a stale task (rejects current, accepts previous) from a wrong
 * probe (rejects both: `inconclusive`) and reveals a dual-key grace period (`acceptsPrevious`): the
 * verdicts rest on these. Then, when enabled, an `alg: none` and a wrong-key token (either accepted
 * is a critical finding): on the same connection right away while the budget comfortably covers
 * every verdict probe still to come (`createSecurityPacing`), otherwise in a security pass after
 * every task's verdict probes, with what is left (see `probeSecurity`). Tokens are signed once per
 * service, key and kind; they live only in the Authorization header handed to the probe port. Only
 * addresses ECS reported are contacted.
 */
export async function probeTasks(
  context: ProbeContext,
  targets: readonly ProbeTarget[],
): Promise<ProbeResults> {
  const keys = new Map<string, Promise<ProbeKeyPair>>();
  const keysFor = (jsonKey: string | undefined) => {
    let pair = keys.get(jsonKey ?? "");
    if (!pair) {
      pair = importProbeKeys(context, jsonKey);
      keys.set(jsonKey ?? "", pair);
    }
    return pair;
  };
  const pacing = createSecurityPacing({
    tasks: targets.length,
    concurrency: context.concurrency,
    timeLeftMs: context.probingTimeLeftMs ?? (() => Number.POSITIVE_INFINITY),
  });
  const tokens = createServiceTokens(context.signer, context.clock);
  const run: ProbeRun = { context, pacing, tokens, keysFor };
  const outcomes = await mapConcurrent(targets, context.concurrency, (target) => probeTarget(run, target));
  const deferred = outcomes.flatMap((outcome) => (outcome.deferred ? [outcome.deferred] : []));
  const security = await probeSecurity(run, deferred);
  const findings = [...outcomes.flatMap((outcome) => outcome.findings ?? []), ...security.findings];
  const forged = forgedByTask(findings);
  return {
    byTask: new Map(
      targets.map((target, index) => {
        const report = (outcomes[index] as Outcome).report;
        const skippedNote = security.skipped.has(target.task.taskArn) ? SECURITY_SKIPPED : undefined;
        const noted = skippedNote ? note(report, skippedNote) : report;
        const accepted = forged.get(target.task.taskArn);
        const marked = accepted ? { ...noted, acceptedForged: accepted } : noted;
        return [target.task.taskArn, withIgnoredTags(marked, target.settings.ignoredTags)];
      }),
    ),
    findings,
  };
}

/** The forged tokens each task accepted, so its verdict can stop trusting its other answers. */
function forgedByTask(findings: readonly SecurityFinding[]): Map<string, SecurityFinding["kind"][]> {
  const byTask = new Map<string, SecurityFinding["kind"][]>();
  for (const finding of findings) {
    const kinds = byTask.get(finding.taskArn) ?? [];
    if (!kinds.includes(finding.kind)) kinds.push(finding.kind);
    byTask.set(finding.taskArn, kinds);
  }
  return byTask;
}

/** What a task whose security probes did not fit the budget says about it. */
const SECURITY_SKIPPED = "security probes skipped: the run's time budget is short";

async function probeTarget(run: ProbeRun, target: ProbeTarget): Promise<Outcome> {
  const { settings, address, task, key: choice } = target;
  if (!settings.path) return skipped(settings.optedOut ? "the service opts out" : "no probe path configured");
  if (task.lastStatus !== "RUNNING") return skipped(`the task is ${task.lastStatus}`);
  if (choice.kind === "not-applicable") return skipped(choice.reason);
  if (address.kind === "unresolved") return skipped(address.reason);
  const { current, previous } = await run.keysFor(choice.secret.jsonKey);
  if (current instanceof KeyMaterialError)
    return skipped("the AWSCURRENT key material cannot sign a probe token");
  const call: ProbeCall = {
    url: `${settings.scheme}://${formatAddress(address.host, address.port)}${settings.path}`,
    timeoutMs: run.context.timeoutMs,
    ...(settings.expectStatus ? { expectStatus: settings.expectStatus } : {}),
  };
  const claims: ProbeClaims = {
    ...(settings.issuer ? { issuer: settings.issuer } : {}),
    ...(settings.audience ? { audience: settings.audience } : {}),
  };
  const startedAt = run.context.clock.now().getTime();
  try {
    const report = await probeCurrent(run, target, call, { current, previous }, claims);
    run.pacing.finished(run.context.clock.now().getTime() - startedAt);
    if (!run.context.securityProbes || !answeredStatuses.has(report.status)) return { report };
    const answered: AnsweredTarget = { target, call, key: current, claims };
    if (!run.pacing.inlineNow(securityNeedMs(run))) return { report, deferred: answered };
    return { report, findings: await probeSecurityOf(run, answered) };
  } finally {
    // A deferred task's security pass opens its own connection: none is held open across the fleet.
    run.context.probe.release?.(call.url);
  }
}

/** Statuses that mean the task's app answered: only then do negative tokens tell anything. */
const answeredStatuses: ReadonlySet<string> = new Set([
  ProbeStatus.Accepted,
  ProbeStatus.Rejected,
  ProbeStatus.Inconclusive,
  ProbeStatus.Unexpected,
]);

/** A malformed `rollout-verifier:*` tag is never silently dropped: every probe of the service names it. */
function withIgnoredTags(report: ProbeReport, ignoredTags: readonly string[]): ProbeReport {
  if (ignoredTags.length === 0) return report;
  const note = `ignored tag ${ignoredTags.join(", ")}`;
  return { ...report, detail: report.detail ? `${report.detail}; ${note}` : note };
}

function note(report: ProbeReport, text: string): ProbeReport {
  return { ...report, detail: report.detail ? `${report.detail}; ${text}` : text };
}

function skipped(detail: string): Outcome {
  return { report: { status: ProbeStatus.Skipped, detail } };
}
