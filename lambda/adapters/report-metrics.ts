import type { MetricName } from "../core/metric-names.js";
import type { RunReport, ServiceReport } from "../core/report.js";

/** Counts the verifier publishes, by metric name (VerificationSeconds aside, which is per run). */
export type MetricCounts = Record<Exclude<MetricName, "VerificationSeconds" | "SecurityFindings">, number>;

/**
 * The per-run counts, straight from the report's totals (the core's single source of truth).
 * Alarms read these with the SecretName dimension; a run with nothing stale still publishes zeros
 * so that alarms return to OK.
 */
export function countsForReport(report: RunReport): MetricCounts & { SecurityFindings: number } {
  const { totals } = report;
  return {
    TasksChecked: totals.tasks,
    TasksStale: totals.byTaskVerdict.stale,
    TasksPinned: totals.byTaskVerdict.pinned,
    ProbeRejected: totals.probeRejected,
    ProbeUnreachable: totals.probeUnreachable,
    ServicesRedeployed: totals.servicesRedeployed,
    ServicesBlocked: totals.byServiceVerdict.blocked,
    ServicesFailed: totals.byServiceVerdict.failed,
    SecurityFindings: totals.securityFindings,
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

function countsForServices(services: readonly ServiceReport[]): MetricCounts {
  const tasks = services.flatMap((service) => service.tasks);
  const countTasks = (test: (status: string, verdict: string) => boolean) =>
    tasks.filter((task) => test(task.probe.status, task.verdict)).length;
  return {
    TasksChecked: tasks.length,
    TasksStale: countTasks((_, verdict) => verdict === "stale"),
    TasksPinned: countTasks((_, verdict) => verdict === "pinned"),
    ProbeRejected: countTasks((status) => status === "rejected"),
    ProbeUnreachable: countTasks((status) => status === "timeout" || status === "refused"),
    ServicesRedeployed: services.filter((service) => service.action === "forced-deployment").length,
    ServicesBlocked: services.filter((service) => service.verdict === "blocked").length,
    ServicesFailed: services.filter((service) => service.verdict === "failed").length,
  };
}

/** `arn:aws:ecs:...:cluster/orders-prod` -> `orders-prod`: dimensions carry names, not ARNs. */
export function clusterName(cluster: string): string {
  return cluster.slice(cluster.lastIndexOf("/") + 1);
}
