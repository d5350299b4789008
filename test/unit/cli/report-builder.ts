import type { ReportGap, RunReport, ServiceReport, TaskReport } from "../../../lambda/core/report/report.js";

/** A task of `verdict`; only what the CLI's rendering and judging read. */
export function aTask(id: string, verdict: string): TaskReport {
  return {
    taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/prod/${id}`,
    taskDefinition: "orders:1",
    lastStatus: "RUNNING",
    createdAt: null,
    startedAt: null,
    address: null,
    verdict: verdict as TaskReport["verdict"],
    reason: "r",
    probe: { status: "skipped" },
  };
}

/** A service of `verdict` with the given task verdicts. */
export function aService(
  name: string,
  verdict: string,
  tasks: readonly string[],
  reason = "why",
): ServiceReport {
  return {
    cluster: "prod",
    service: name,
    serviceArn: null,
    kind: "service",
    verdict: verdict as ServiceReport["verdict"],
    action: "none",
    reason,
    deploymentId: null,
    tasks: tasks.map((taskVerdict, index) => aTask(`${name}-${index}`, taskVerdict)),
  };
}

/** A run report over `services`; totals are not what the CLI judges by, so they stay minimal. */
export function aReport(services: readonly ServiceReport[], extra: Partial<RunReport> = {}): RunReport {
  const gaps: readonly ReportGap[] = extra.gaps ?? [];
  return {
    reportVersion: 1,
    runId: "run",
    secretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/jwt-AbCdEf",
    secretName: "prod/jwt",
    versionId: "v2",
    previousVersionId: "v1",
    keyFingerprint: "sha256:0000000000000000",
    cutover: "2026-05-01T11:00:00.000Z",
    cutoverSource: "event",
    trigger: { kind: "direct", eventId: null, eventTime: null },
    dryRun: true,
    startedAt: "2026-05-01T11:05:00.000Z",
    finishedAt: "2026-05-01T11:05:01.000Z",
    durationMs: 1000,
    services,
    securityFindings: [],
    totals: {
      services: services.length,
      tasks: services.reduce((sum, service) => sum + service.tasks.length, 0),
      byTaskVerdict: {
        current: 0,
        stale: 0,
        pinned: 0,
        pending: 0,
        unreachable: 0,
        unknown: 0,
        unaffected: 0,
        refreshing: 0,
      },
      byServiceVerdict: { converged: 0, redeploy: 0, wait: 0, blocked: 0, failed: 0 },
      probeRejected: 0,
      probeUnreachable: 0,
      servicesRedeployed: 0,
      securityFindings: 0,
      gaps: gaps.length,
    },
    ...extra,
    gaps,
  };
}
