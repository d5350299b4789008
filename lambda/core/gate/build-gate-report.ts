import { fingerprintMaterial } from "../probes/keys/fingerprint-material.js";
import { buildReport, clusterName } from "../report/build-report.js";
import type { TriggerReport } from "../report/report.js";
import { type RunReport, ServiceAction, ServiceVerdict } from "../report/report.js";
import type { GateDecision } from "./gate-types.js";
import { HookStatus } from "./gate-types.js";
import type { GreenEvidence, GreenSubject } from "./verify-green-secret.js";

/** When the gate ran, and what it reports as. */
export interface GateReportContext {
  readonly runId: string;
  readonly trigger: TriggerReport;
  readonly dryRun: boolean;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly deploymentId: string | null;
  /** Which tasks the gate judged as green and why (`selectGreenTasks`). */
  readonly greenRule: string;
}

/**
 * One `RunReport` per watched secret, in the rotation engine's contract: the same log records,
 * metrics and alarms apply. The report's only service is the gated one, its tasks are the green
 * tasks, its action is always `none` (the gate answers ECS, it never updates a service), and its
 * reason is the gate's followed by the rule that chose the green tasks, so a reader can tell which
 * tasks were judged.
 */
export function buildGateReport(
  evidence: GreenEvidence,
  subject: GreenSubject,
  decision: GateDecision,
  context: GateReportContext,
): RunReport {
  const { secret, window } = evidence;
  const header = {
    reportVersion: 1 as const,
    runId: context.runId,
    secretArn: secret.arn,
    secretName: secret.name,
    versionId: secret.currentVersionId,
    previousVersionId: secret.previousVersionId,
    keyFingerprint: fingerprintMaterial(secret.secretString, evidence.usage?.jsonKey),
    cutover: window.latest.toISOString(),
    cutoverEarliest: window.earliest.toISOString(),
    cutoverSource: window.source,
    trigger: context.trigger,
    dryRun: context.dryRun,
    startedAt: context.startedAt.toISOString(),
    finishedAt: context.finishedAt.toISOString(),
    durationMs: context.finishedAt.getTime() - context.startedAt.getTime(),
  };
  const service = {
    cluster: clusterName(subject.cluster),
    service: subject.service.serviceName,
    serviceArn: subject.service.serviceArn,
    kind: "service" as const,
    verdict: serviceVerdictOf(decision, evidence),
    action: ServiceAction.None,
    reason: `Deployment gate ${decision.status}: ${decision.reason} Green tasks: ${context.greenRule}.`,
    deploymentId: context.deploymentId,
    tasks: evidence.tasks,
  };
  return buildReport(header, [service], evidence.findings);
}

/** A secret without a problem reads `converged` even when another secret failed the gate. */
function serviceVerdictOf(decision: GateDecision, evidence: GreenEvidence): ServiceVerdict {
  if (decision.status === HookStatus.InProgress) return ServiceVerdict.Wait;
  if (decision.byPolicy)
    return decision.status === HookStatus.Failed ? ServiceVerdict.Failed : ServiceVerdict.Wait;
  const blamed = decision.blocks.some((block) => block.secretName === evidence.secret.name);
  return blamed ? ServiceVerdict.Failed : ServiceVerdict.Converged;
}
