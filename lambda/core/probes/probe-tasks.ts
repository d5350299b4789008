import { KeyMaterialError } from "../../errors.js";
import type { ProbeKeyChoice } from "../consumers/choose-probe-secret.js";
import { formatAddress, type TaskAddress } from "../consumers/resolve-task-address.js";
import { mapConcurrent } from "../map-concurrent.js";
import type { Clock, ProbePort } from "../ports.js";
import {
  type ControlProbeReport,
  type ProbeReport,
  ProbeStatus,
  type SecurityFinding,
  SecurityFindingKind,
} from "../report/report.js";
import type { TaskSnapshot } from "../snapshots.js";
import { importProbeKeys, type ProbeKeyPair } from "./import-probe-keys.js";
import type { ProbeSettings } from "./probe-settings.js";
import type { ProbeClaims, ProbeSigner, SigningKeyLike } from "./probe-signer.js";
import { type ProbeCall, sendProbe } from "./send-probe.js";
import { createServiceTokens, type ServiceTokens } from "./service-tokens.js";

/** One task to probe, with everything needed to decide whether and how. */
export interface ProbeTarget {
  readonly cluster: string;
  readonly service: string;
  readonly task: TaskSnapshot;
  readonly settings: ProbeSettings;
  readonly address: TaskAddress;
  /** Whether a probe can speak for the secret, and which variable and json-key to sign like. */
  readonly key: ProbeKeyChoice;
}

/** What probing needs: the port, the signer, the clock and the AWSCURRENT/AWSPREVIOUS material. */
export interface ProbeContext {
  readonly probe: ProbePort;
  readonly signer: ProbeSigner;
  readonly clock: Clock;
  /** Never logged: handed to the signer only. */
  readonly secretString: string;
  /** AWSPREVIOUS, for the control token; null when there is none. Never logged. */
  readonly previousSecretString: string | null;
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly securityProbes: boolean;
  /**
   * Asked before a task's security probes: false when the run's time budget is short, so that the
   * time left goes to the other tasks' AWSCURRENT probes. @default always
   */
  readonly securityProbesAllowed?: () => boolean;
}

/** Probe outcomes by task ARN, and the critical findings of the negative probes. */
export interface ProbeResults {
  readonly byTask: ReadonlyMap<string, ProbeReport>;
  readonly findings: readonly SecurityFinding[];
}

interface Run {
  readonly context: ProbeContext;
  readonly tokens: ServiceTokens;
  readonly keysFor: (jsonKey: string | undefined) => Promise<ProbeKeyPair>;
}

type Outcome = { report: ProbeReport; findings: SecurityFinding[] };

/**
 * Probes every target whose probed container verifies with the secret, with bounded concurrency:
 * the AWSCURRENT token, then the AWSPREVIOUS control token (when AWSPREVIOUS exists and differs),
 * which tells a stale task (rejects current, accepts previous) from a wrong probe (rejects both:
 * `inconclusive`) and reveals a dual-key grace period (`acceptsPrevious`). Then, when enabled and
 * the task answered, an `alg: none` token and a wrong-key token, either accepted being a critical
 * finding. Tokens are signed once per service, key and kind; they live only in the Authorization
 * header handed to the probe port. Only addresses ECS reported are contacted.
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
  const run: Run = { context, tokens: createServiceTokens(context.signer, context.clock), keysFor };
  const outcomes = await mapConcurrent(targets, context.concurrency, (target) => probeTarget(run, target));
  return {
    byTask: new Map(
      targets.map((target, index) => [
        target.task.taskArn,
        withIgnoredTags((outcomes[index] as Outcome).report, target.settings.ignoredTags),
      ]),
    ),
    findings: outcomes.flatMap((outcome) => outcome.findings),
  };
}

async function probeTarget(run: Run, target: ProbeTarget): Promise<Outcome> {
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
  try {
    return await probeAddress(run, target, call, { current, previous }, claims);
  } finally {
    run.context.probe.release?.(call.url);
  }
}

async function probeAddress(
  run: Run,
  target: ProbeTarget,
  call: ProbeCall,
  keys: { readonly current: SigningKeyLike; readonly previous: SigningKeyLike | null },
  claims: ProbeClaims,
): Promise<Outcome> {
  const { task, key: choice } = target;
  const secret = choice.kind === "applies" ? { secret: choice.secret } : {};
  const service = `${target.cluster}/${target.service}`;
  const token = (kind: "current" | "previous" | "alg-none" | "wrong-key", key: SigningKeyLike) =>
    run.tokens.tokenFor(service, kind, key, claims);
  const first = await sendProbe(run.context.probe, call, await token("current", keys.current));
  const decisive = first.status === ProbeStatus.Accepted || first.status === ProbeStatus.Rejected;
  const control =
    decisive && keys.previous
      ? toControl(await sendProbe(run.context.probe, call, await token("previous", keys.previous)))
      : undefined;
  const report = withControl({ ...first, ...secret }, control);
  const answered: string[] = [
    ProbeStatus.Accepted,
    ProbeStatus.Rejected,
    ProbeStatus.Inconclusive,
    ProbeStatus.Unexpected,
  ];
  if (!run.context.securityProbes || !answered.includes(report.status)) return { report, findings: [] };
  if (run.context.securityProbesAllowed?.() === false)
    return { report: note(report, "security probes skipped: the run's time budget is short"), findings: [] };
  const findings: SecurityFinding[] = [];
  for (const kind of [SecurityFindingKind.AcceptsAlgNone, SecurityFindingKind.AcceptsWrongKey]) {
    const negative = await token(
      kind === SecurityFindingKind.AcceptsAlgNone ? "alg-none" : "wrong-key",
      keys.current,
    );
    const result = await sendProbe(run.context.probe, call, negative);
    if (result.status === ProbeStatus.Accepted)
      findings.push({
        severity: "critical",
        kind,
        cluster: target.cluster,
        service: target.service,
        taskArn: task.taskArn,
        url: call.url,
      });
  }
  return { report, findings };
}

/** Folds the control token's outcome in: rejected by both keys is `inconclusive`, never a rejection. */
function withControl(report: ProbeReport, control: ControlProbeReport | undefined): ProbeReport {
  if (!control) return report;
  const acceptsPrevious = control.status === ProbeStatus.Accepted;
  if (report.status === ProbeStatus.Accepted) return { ...report, control, acceptsPrevious };
  if (report.status === ProbeStatus.Rejected && control.status === ProbeStatus.Rejected)
    return { ...report, status: ProbeStatus.Inconclusive, control, acceptsPrevious: false };
  return { ...report, control, acceptsPrevious };
}

function toControl(report: ProbeReport): ControlProbeReport {
  return {
    status: report.status,
    ...(report.httpStatus === undefined ? {} : { httpStatus: report.httpStatus }),
    ...(report.appReason === undefined ? {} : { appReason: report.appReason }),
  };
}

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
  return { report: { status: ProbeStatus.Skipped, detail }, findings: [] };
}
