import type { RunReport } from "./report.js";
import { GapScope } from "./report-gap.js";

/** ECS's answer for a cluster that does not exist. */
const CLUSTER_NOT_FOUND = "ClusterNotFoundException";

/**
 * The clusters a run looked for and ECS said do not exist. A direct run that names one must not
 * read as plainly verified: the operator asked for that cluster, so its outcome (and the CLI's exit
 * code 4 when nothing was found at all) says it was not found.
 */
export function clustersNotFound(report: RunReport): string[] {
  return report.gaps
    .filter((gap) => gap.scope === GapScope.Cluster && gap.errorCode === CLUSTER_NOT_FOUND)
    .map((gap) => gap.cluster ?? gap.resource);
}
