import { computeTotals } from "../../core/report/build-report.js";
import { EvidenceMetricName, type MetricName } from "../../core/report/metric-names.js";
import type { ReportTotals, RunReport, ServiceReport } from "../../core/report/report.js";
import { TaskEvidence, TaskVerdict } from "../../core/report/verdict-words.js";

/** Counts the verifier publishes, by metric name (the two durations aside, which are per run). */
export type MetricCounts = Record<
  Exclude<MetricName, "VerificationSeconds" | "TimeToConvergeSeconds" | "SecurityFindings" | "ReportGaps">,
  number
>;

/**
 * Triggers whose run covers one service only (a deployment event re-verifies the service whose
 * deployment finished), unless the run says it re-verified the whole secret (`trigger.followUp`).
 * Their counts are not the secret's: published as secret-wide totals, a `TasksStale = 0` for that
 * service would drop the dashboard's stale line while others still lag.
 */
export const serviceScopedTriggers: ReadonlySet<string> = new Set(["deployment-state-change"]);

/**
 * Whether a report covers every consumer of its secret or one service. A follow-up (a deployment
 * event's run that re-verified the whole secret, `trigger.followUp`) covers the secret: its zeros
 * clear the stale line and the alarms as the rotation's own run would.
 */
export function metricScope(report: RunReport): "secret" | "service" {
  if (!serviceScopedTriggers.has(report.trigger.kind)) return "secret";
  return report.trigger.followUp === undefined ? "service" : "secret";
}

/** Triggers that announce the cut-over itself: their run is the first to look at the new version. */
const cutoverTriggers: ReadonlySet<string> = new Set([
  "secret-label-updated",
  "rotation-succeeded",
  "update-secret-version-stage",
  "put-secret-value",
  "rotate-secret",
]);

/**
 * A convergence proved this long after the cut-over is not the rotation converging but a later
 * deployment or an operator's run re-proving it: no time to converge is published for it.
 */
export const convergenceHorizonMs = 24 * 60 * 60 * 1000;

/**
 * The rotation's time to converge, in seconds, or undefined when this run must not publish it. One
 * value per rotation, decided without state from what the run knows:
 *
 * - only a run over the whole secret (`metricScope` "secret") that proves every task current or
 *   unaffected (registry credentials only), with no gap and no security finding; never a sweep,
 *   never a service-scoped run, never past 24 h after the cut-over;
 * - the value is a fact about the fleet, not about when a run looked: the start of the youngest task
 *   created after the cut-over (the last replacement of a task that held the old key), less the
 *   cut-over. Every run that proves the same convergence computes the same value;
 * - a run whose trigger came before that start (a duplicate announcement of the rotation, such as a
 *   CloudTrail fallback queued behind the fix) is not the one that proved it, and publishes nothing;
 * - with no replacement task, only the rotation's own run (a cut-over trigger) publishes: the
 *   fleet already held the key, converged by that run's end.
 *
 * Runs queued behind each other can each prove the same convergence: they publish the same value,
 * so the graph shows one value per rotation. A deployment that replaces already-current tasks
 * within 24 h and completes inside the follow-up window publishes its later start: the known limit
 * of deciding without state (docs/report.md, Metrics).
 */
export function timeToConvergeSeconds(report: RunReport): number | undefined {
  const { tasks, byTaskVerdict } = report.totals;
  const settled = byTaskVerdict.current + (byTaskVerdict.unaffected ?? 0);
  if (tasks === 0 || settled !== tasks || report.gaps.length > 0) return undefined;
  if (report.securityFindings.length > 0) return undefined;
  if (report.trigger.kind === "sweep" || metricScope(report) !== "secret") return undefined;
  const cutover = Date.parse(report.cutover);
  const replaced = lastReplacementStart(report, cutover);
  const triggeredAt = report.trigger.eventTime === null ? Number.NaN : Date.parse(report.trigger.eventTime);
  // EventBridge times have whole seconds: an event in the same second as the start is not before it.
  if (replaced !== undefined && triggeredAt < Math.floor(replaced / 1000) * 1000) return undefined;
  const convergedAt =
    replaced ?? (cutoverTriggers.has(report.trigger.kind) ? Date.parse(report.finishedAt) : undefined);
  if (convergedAt === undefined) return undefined;
  const elapsedMs = convergedAt - cutover;
  if (!(elapsedMs >= 0) || elapsedMs > convergenceHorizonMs) return undefined;
  return elapsedMs / 1000;
}

/** The latest start (creation when not started) of a task created after the cut-over, if any. */
function lastReplacementStart(report: RunReport, cutover: number): number | undefined {
  let latest: number | undefined;
  for (const service of report.services)
    for (const task of service.tasks) {
      const created = task.createdAt === null ? Number.NaN : Date.parse(task.createdAt);
      if (!(created > cutover)) continue;
      const started = task.startedAt === null ? created : Date.parse(task.startedAt);
      if (latest === undefined || started > latest) latest = started;
    }
  return latest;
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
    TasksRefreshing: totals.byTaskVerdict.refreshing ?? 0,
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

/** One evidence kind's counts: every task resting on it, and the `current` and `stale` ones. */
export type EvidenceCounts = Record<EvidenceMetricName, number>;

/**
 * The run's tasks counted by what their verdict rests on (`tasks[].evidence`), one entry per
 * evidence kind of the closed set, in its order, zeros included: a series whose evidence is gone
 * from the fleet drops to 0 instead of keeping its last value. The entries add up to the run's
 * `TasksChecked`, their current and stale counts to its current tasks and `TasksStale`.
 */
export function countsByEvidence(report: RunReport): Map<TaskEvidence, EvidenceCounts> {
  const counts = new Map<TaskEvidence, EvidenceCounts>(
    Object.values(TaskEvidence).map((evidence) => [
      evidence,
      {
        [EvidenceMetricName.tasksByEvidence]: 0,
        [EvidenceMetricName.tasksCurrentByEvidence]: 0,
        [EvidenceMetricName.tasksStaleByEvidence]: 0,
      },
    ]),
  );
  for (const service of report.services)
    for (const task of service.tasks) {
      const entry = task.evidence === undefined ? undefined : counts.get(task.evidence);
      // A report written before `evidence`, or a word outside the closed set, is not counted.
      if (entry === undefined) continue;
      entry[EvidenceMetricName.tasksByEvidence] += 1;
      if (task.verdict === TaskVerdict.Current) entry[EvidenceMetricName.tasksCurrentByEvidence] += 1;
      if (task.verdict === TaskVerdict.Stale) entry[EvidenceMetricName.tasksStaleByEvidence] += 1;
    }
  return counts;
}
