import type {
  RunReport,
  SecurityFinding,
  ServiceReport,
  TaskReport,
  TaskVerdict,
} from "../../core/report/report.js";

/** Free text (reasons, probe details) is scrubbed of anything JWT-shaped before it reaches a log. */
const JWT_PATTERN = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;

/** Log messages: stable strings that Logs Insights queries and metric filters match on. */
export const LogMessage = {
  summary: "rollout verification summary",
  service: "rollout verification service",
  task: "task not current",
  finding: "security finding",
} as const;

/**
 * The one summary record per run: the whole report header (what was verified against: secret,
 * version, key fingerprint, cut-over window, trigger, timing, `reportVersion`), the totals, every
 * security finding and gap, and per service its decision with task counts. The tasks themselves go
 * in the per-service records (`serviceRecords`): a large fleet would blow CloudWatch Logs' 256 KB
 * event limit. `securityFindings` stays the count the Logs Insights queries read; `findings` is the list.
 */
export function summaryRecord(report: RunReport): Record<string, unknown> {
  const { services, securityFindings, gaps, ...header } = report;
  return {
    ...header,
    services: services.map(serviceSummary),
    securityFindings: securityFindings.length,
    findings: securityFindings,
    gaps: gaps.map((gap) => ({ ...gap, detail: scrubText(gap.detail), tasks: gap.taskArns.length })),
  };
}

function serviceSummary(service: ServiceReport): Record<string, unknown> {
  const byVerdict: Partial<Record<TaskVerdict, number>> = {};
  for (const task of service.tasks) byVerdict[task.verdict] = (byVerdict[task.verdict] ?? 0) + 1;
  return {
    cluster: service.cluster,
    service: service.service,
    serviceArn: service.serviceArn,
    kind: service.kind,
    verdict: service.verdict,
    action: service.action,
    reason: scrubText(service.reason),
    deploymentId: service.deploymentId,
    tasks: service.tasks.length,
    tasksByVerdict: byVerdict,
  };
}

/**
 * One record for a task that is not `current`: enough to find it, and the evidence. The ECS
 * service is `ecsService`: Powertools owns the top-level `service` key (the verifier's own name).
 */
export function taskRecord(
  report: RunReport,
  service: ServiceReport,
  task: TaskReport,
): Record<string, unknown> {
  return {
    runId: report.runId,
    secretName: report.secretName,
    versionId: report.versionId,
    cluster: service.cluster,
    ecsService: service.service,
    taskArn: task.taskArn,
    taskDefinition: task.taskDefinition,
    lastStatus: task.lastStatus,
    createdAt: task.createdAt,
    startedAt: task.startedAt,
    address: task.address,
    verdict: task.verdict,
    evidence: task.evidence ?? null,
    reason: scrubText(task.reason),
    probe: {
      status: task.probe.status,
      httpStatus: task.probe.httpStatus ?? null,
      latencyMs: task.probe.latencyMs ?? null,
      detail: task.probe.detail === undefined ? null : scrubText(task.probe.detail),
      ...(task.probe.issuer
        ? { issuer: task.probe.issuer.map((issuer) => ({ kind: issuer.kind, match: issuer.match })) }
        : {}),
    },
  };
}

/** Replaces JWT-shaped substrings: a last line of defence, the engine never puts tokens in text. */
export function scrubText(text: string): string {
  return text.replace(JWT_PATTERN, "[token]");
}

/** A security finding as a log record (`ecsService`, for the same reason as in task records). */
export function findingRecord(report: RunReport, finding: SecurityFinding): Record<string, unknown> {
  const { service, ...rest } = finding;
  return { runId: report.runId, secretName: report.secretName, ...rest, ecsService: service };
}
