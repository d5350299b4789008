import { computeTotals } from "../../core/report/build-report.js";
import type { MetricName } from "../../core/report/metric-names.js";
import type { ReportTotals, RunReport, ServiceReport } from "../../core/report/report.js";

/** Counts the verifier publishes, by metric name (the two durations aside, which are per run). */
export type MetricCounts = Record<
  Exclude<MetricName, "VerificationSeconds" | "TimeToConvergeSeconds" | "SecurityFindings" | "ReportGaps">,
  number
>;

/**
 * Triggers whose run covers one service only (a deployment event re-verifies the service whose
 * deployment finished). Their counts are not the secret's: published as secret-wide totals, a
 * `TasksStale = 0` for that service would drop the dashboard's stale line while others still lag.
 */
export const serviceScopedTriggers: ReadonlySet<string> = new Set(["deployment-state-change"]);

/** Whether a report covers every consumer of its secret or one service. */
export function metricScope(report: RunReport): "secret" | "service" {
  return serviceScopedTriggers.has(report.trigger.kind) ? "service" : "secret";
}

/**
 * A convergence proved this long after the cut-over is not the rotation converging but a later
 * deployment or an operator's run re-proving it: no time to converge is published for it.
 */
export const convergenceHorizonMs = 24 * 60 * 60 * 1000;

/**
 * Seconds from the cut-over to this run, when this run proves every task of its scope current:
 * the rotation's time to converge (for a service-scoped run, that service's). Undefined when a
 * task is neither current nor unaffected (registry credentials only), a task accepted a forged
 * token (its service is blocked, whatever its timestamps say), something was not read, the run is
 * a sweep (an hourly sweep re-proves the same state, and its value would only grow) or the
 * cut-over is beyond the horizon.
 */
export function timeToConvergeSeconds(report: RunReport): number | undefined {
  const { tasks, byTaskVerdict } = report.totals;
  const settled = byTaskVerdict.current + (byTaskVerdict.unaffected ?? 0);
  if (tasks === 0 || settled !== tasks || report.gaps.length > 0) return undefined;
  if (report.securityFindings.length > 0) return undefined;
  if (report.trigger.kind === "sweep") return undefined;
  const elapsedMs = Date.parse(report.finishedAt) - Date.parse(report.cutover);
  if (!(elapsedMs >= 0) || elapsedMs > convergenceHorizonMs) return undefined;
  return elapsedMs / 1000;
}

/**
 * The per-run counts, straight from the report's totals (the core's single source of truth).
 * Alarms read these with the SecretName dimension; a run with nothing stale still publishes zeros
 * so that alarms return to OK.
 */
export function countsForReport(
  report: RunReport,
): MetricCounts & { SecurityFindings: number; ReportGaps: number } {
  return {
    ...countsFromTotals(report.totals),
    SecurityFindings: report.totals.securityFindings,
    ReportGaps: report.totals.gaps,
  };
}

function countsFromTotals(totals: ReportTotals): MetricCounts {
  return {
    TasksChecked: totals.tasks,
    TasksStale: totals.byTaskVerdict.stale,
    TasksPinned: totals.byTaskVerdict.pinned,
    TasksUnknown: totals.byTaskVerdict.unknown,
    ProbeRejected: totals.probeRejected,
    ProbeUnreachable: totals.probeUnreachable,
    ServicesRedeployed: totals.servicesRedeployed,
    ServicesBlocked: totals.byServiceVerdict.blocked,
    ServicesFailed: totals.byServiceVerdict.failed,
  };
}

/** The same counts computed from one cluster's services, for the per-cluster series (keyed by cluster name). */
export function countsByCluster(report: RunReport): Map<string, MetricCounts> {
  const byCluster = new Map<string, ServiceReport[]>();
  for (const service of report.services)
    byCluster.set(service.cluster, [...(byCluster.get(service.cluster) ?? []), service]);
  return new Map(
    [...byCluster].map(([cluster, services]) => [clusterName(cluster), countsForServices(services)]),
  );
}

/** Some services' counts, from the same totals function as the run's: the two can never disagree. */
export function countsForServices(services: readonly ServiceReport[]): MetricCounts {
  return countsFromTotals(computeTotals(services, []));
}

/** `arn:aws:ecs:...:cluster/orders-prod` -> `orders-prod`: dimensions carry names, not ARNs. */
export function clusterName(cluster: string): string {
  return cluster.slice(cluster.lastIndexOf("/") + 1);
}
