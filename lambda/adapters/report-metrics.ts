import { computeTotals } from "../core/report/build-report.js";
import type { MetricName } from "../core/report/metric-names.js";
import type { ReportTotals, RunReport, ServiceReport } from "../core/report/report.js";

/** Counts the verifier publishes, by metric name (VerificationSeconds aside, which is per run). */
export type MetricCounts = Record<
  Exclude<MetricName, "VerificationSeconds" | "SecurityFindings" | "ReportGaps">,
  number
>;

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

/** One cluster's counts, from the same totals function as the run's: the two can never disagree. */
function countsForServices(services: readonly ServiceReport[]): MetricCounts {
  return countsFromTotals(computeTotals(services, []));
}

/** `arn:aws:ecs:...:cluster/orders-prod` -> `orders-prod`: dimensions carry names, not ARNs. */
export function clusterName(cluster: string): string {
  return cluster.slice(cluster.lastIndexOf("/") + 1);
}
