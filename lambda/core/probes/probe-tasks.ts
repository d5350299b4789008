import { KeyMaterialError } from "../../errors.js";
import { formatAddress, type TaskAddress } from "../consumers/resolve-task-address.js";
import { mapConcurrent } from "../map-concurrent.js";
import type { Clock, ProbePort } from "../ports.js";
import {
  type ProbeReport,
  ProbeStatus,
  type SecurityFinding,
  SecurityFindingKind,
} from "../report/report.js";
import type { TaskSnapshot } from "../snapshots.js";
import type { ProbeSettings } from "./probe-settings.js";
import type { ProbeClaims, ProbeSigner, SigningKeyLike } from "./probe-signer.js";

/** One task to probe, with everything needed to decide whether and how. */
export interface ProbeTarget {
  readonly cluster: string;
  readonly service: string;
  readonly task: TaskSnapshot;
  readonly settings: ProbeSettings;
  readonly address: TaskAddress;
  /** The valueFrom json-key: the token is signed with the same field the app reads. */
  readonly jsonKey?: string;
}

/** What probing needs: the port, the signer, the clock and the AWSCURRENT material. */
export interface ProbeContext {
  readonly probe: ProbePort;
  readonly signer: ProbeSigner;
  readonly clock: Clock;
  /** Never logged: handed to the signer only. */
  readonly secretString: string;
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly securityProbes: boolean;
}

/** Probe outcomes by task ARN, and the critical findings of the negative probes. */
export interface ProbeResults {
  readonly byTask: ReadonlyMap<string, ProbeReport>;
  readonly findings: readonly SecurityFinding[];
}

/**
 * Probes every target with bounded concurrency: a fresh AWSCURRENT token per task, then (when
 * enabled and the task answered) an `alg: none` token and a wrong-key token, either of which being
 * accepted is a critical finding. Only addresses ECS reported are contacted. Tokens live only in
 * the Authorization header handed to the probe port.
 */
export async function probeTasks(
  context: ProbeContext,
  targets: readonly ProbeTarget[],
): Promise<ProbeResults> {
  const keys = new Map<string, Promise<SigningKeyLike | KeyMaterialError>>();
  const keyFor = (jsonKey: string | undefined) => {
    const cacheKey = jsonKey ?? "";
    let key = keys.get(cacheKey);
    if (!key) {
      key = importKey(context, jsonKey);
      keys.set(cacheKey, key);
    }
    return key;
  };
  const outcomes = await mapConcurrent(targets, context.concurrency, (target) =>
    probeTarget(context, target, keyFor),
  );
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

type Outcome = { report: ProbeReport; findings: SecurityFinding[] };

async function probeTarget(
  context: ProbeContext,
  target: ProbeTarget,
  keyFor: (jsonKey: string | undefined) => Promise<SigningKeyLike | KeyMaterialError>,
): Promise<{ report: ProbeReport; findings: SecurityFinding[] }> {
  const { settings, address, task } = target;
  if (!settings.path) return skipped(settings.optedOut ? "the service opts out" : "no probe path configured");
  if (task.lastStatus !== "RUNNING") return skipped(`the task is ${task.lastStatus}`);
  if (address.kind === "unresolved") return skipped(address.reason);
  const key = await keyFor(target.jsonKey);
  if (key instanceof KeyMaterialError)
    return skipped("the AWSCURRENT key material cannot sign a probe token");
  const url = `${settings.scheme}://${formatAddress(address.host, address.port)}${settings.path}`;
  const claims: ProbeClaims = {
    ...(settings.issuer ? { issuer: settings.issuer } : {}),
    ...(settings.audience ? { audience: settings.audience } : {}),
  };
  try {
    return await probeAddress(context, target, url, key, claims);
  } finally {
    context.probe.release?.(url);
  }
}

async function probeAddress(
  context: ProbeContext,
  target: ProbeTarget,
  url: string,
  key: SigningKeyLike,
  claims: ProbeClaims,
): Promise<{ report: ProbeReport; findings: SecurityFinding[] }> {
  const { task } = target;
  const now = context.clock.now();
  const report = await send(context, target, url, await context.signer.signProbeToken(key, claims, now));
  const answered = [ProbeStatus.Accepted, ProbeStatus.Rejected, ProbeStatus.Unexpected] as string[];
  if (!context.securityProbes || !answered.includes(report.status)) return { report, findings: [] };
  const negative = [
    { kind: SecurityFindingKind.AcceptsAlgNone, token: context.signer.signAlgNoneToken(claims, now) },
    {
      kind: SecurityFindingKind.AcceptsWrongKey,
      token: await context.signer.signWrongKeyToken(key, claims, now),
    },
  ];
  const findings: SecurityFinding[] = [];
  for (const { kind, token } of negative) {
    const result = await send(context, target, url, token);
    if (result.status === ProbeStatus.Accepted)
      findings.push({
        severity: "critical",
        kind,
        cluster: target.cluster,
        service: target.service,
        taskArn: task.taskArn,
        url,
      });
  }
  return { report, findings };
}

/** Calls the probe port; a throwing adapter becomes an `error` report rather than failing the run. */
async function send(
  context: ProbeContext,
  target: ProbeTarget,
  url: string,
  token: string,
): Promise<ProbeReport> {
  try {
    const { answer: _answer, ...report } = await context.probe.probe({
      url,
      authorization: `Bearer ${token}`,
      timeoutMs: context.timeoutMs,
      ...(target.settings.expectStatus ? { expectStatus: target.settings.expectStatus } : {}),
    });
    return withoutToken(report, token);
  } catch (error) {
    return {
      status: ProbeStatus.Error,
      url,
      detail: `probe failed: ${error instanceof Error ? error.name : "unknown error"}`,
    };
  }
}

async function importKey(
  context: ProbeContext,
  jsonKey: string | undefined,
): Promise<SigningKeyLike | KeyMaterialError> {
  try {
    return await context.signer.importSigningKey(context.secretString, jsonKey ? { jsonKey } : undefined);
  } catch (error) {
    if (error instanceof KeyMaterialError) return error;
    throw error;
  }
}

/** Defence in depth: whatever a probe adapter wrote, the report never carries the token it was given. */
function withoutToken(report: ProbeReport, token: string): ProbeReport {
  if (!report.detail?.includes(token)) return report;
  return { ...report, detail: report.detail.split(token).join("<token>") };
}

/** A malformed `rollout-verifier:*` tag is never silently dropped: every probe of the service names it. */
function withIgnoredTags(report: ProbeReport, ignoredTags: readonly string[]): ProbeReport {
  if (ignoredTags.length === 0) return report;
  const note = `ignored tag ${ignoredTags.join(", ")}`;
  return { ...report, detail: report.detail ? `${report.detail}; ${note}` : note };
}

function skipped(detail: string): { report: ProbeReport; findings: SecurityFinding[] } {
  return { report: { status: ProbeStatus.Skipped, detail }, findings: [] };
}
