import {
  ProbeStatus,
  type ReportGap,
  type ReportTotals,
  type RunReport,
  type SecurityFinding,
  ServiceAction,
  type ServiceReport,
  ServiceVerdict,
  TaskVerdict,
} from "./report.js";

/** Everything the report states besides the per-service results and totals. */
export type ReportHeader = Omit<RunReport, "services" | "securityFindings" | "gaps" | "totals">;

/**
 * Assembles the run report and its totals. Totals are computed here, from the same service list
 * the report carries, so the numbers can never disagree with the rows.
 */
export function buildReport(
  header: ReportHeader,
  services: readonly ServiceReport[],
  securityFindings: readonly SecurityFinding[],
  gaps: readonly ReportGap[] = [],
): RunReport {
  return {
    ...header,
    services,
    securityFindings,
    gaps,
    totals: computeTotals(services, securityFindings, gaps.length),
  };
}

/** The totals of any list of services: the run's, or one cluster's for per-cluster metrics. */
export function computeTotals(
  services: readonly ServiceReport[],
  findings: readonly SecurityFinding[],
  gaps = 0,
): ReportTotals {
  const tasks = services.flatMap((service) => service.tasks);
  const byTaskVerdict = countBy(
    Object.values(TaskVerdict),
    tasks.map((task) => task.verdict),
  );
  const byServiceVerdict = countBy(
    Object.values(ServiceVerdict),
    services.map((service) => service.verdict),
  );
  const unreachable: string[] = [ProbeStatus.Timeout, ProbeStatus.Refused, ProbeStatus.Error];
  return {
    services: services.length,
    tasks: tasks.length,
    byTaskVerdict,
    byServiceVerdict,
    probeRejected: tasks.filter((task) => task.probe.status === ProbeStatus.Rejected).length,
    probeUnreachable: tasks.filter((task) => unreachable.includes(task.probe.status)).length,
    servicesRedeployed: services.filter((service) => service.action === ServiceAction.ForcedDeployment)
      .length,
    securityFindings: findings.length,
    gaps,
  };
}

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const value of values) counts[value] += 1;
  return counts;
}

/** `family:revision` from a task definition ARN (or the input unchanged when it is not one). */
export function taskDefinitionLabel(taskDefinitionArn: string): string {
  const slash = taskDefinitionArn.lastIndexOf("task-definition/");
  return slash === -1 ? taskDefinitionArn : taskDefinitionArn.slice(slash + "task-definition/".length);
}

/** The cluster's name from a name or ARN: the low-cardinality value reports and metrics use. */
export function clusterName(cluster: string): string {
  const marker = ":cluster/";
  const index = cluster.indexOf(marker);
  return index === -1 ? cluster : cluster.slice(index + marker.length);
}
