import { chunk, mapConcurrent } from "../map-concurrent.js";
import type { EcsPort } from "../ports.js";
import { clusterName } from "../report/build-report.js";
import { describeFailure, type GapLog } from "../report/gap-log.js";
import { GapScope } from "../report/report.js";
import type { TaskSnapshot } from "../snapshots.js";
import type { ClusterConsumers } from "./discover-consumers.js";

/** A running task ECS listed but the run could not judge, and why (its verdict is `unknown`). */
export interface UnjudgedTask {
  readonly taskArn: string;
  readonly reason: string;
}

/** The listed tasks ECS described, and per consumer service the ones it could not. */
export interface ListedTasks {
  readonly tasks: TaskSnapshot[];
  readonly byService: ReadonlyMap<string, ServiceShortfall>;
}

/** What a consumer service lost to failed DescribeTasks batches. */
export interface ServiceShortfall {
  readonly unjudged: UnjudgedTask[];
  /** Why its undescribed tasks could not be told apart from other services': set when even that failed. */
  incomplete?: string;
}

/** DescribeTasks takes 100 tasks: one failed batch hides those 100, not the cluster. */
const DESCRIBE_BATCH = 100;

/**
 * DescribeTasks in batches of 100. A batch that fails is not lost: its tasks are attributed to the
 * consumer services they belong to (one ListTasks per service, which answers even while
 * DescribeTasks fails) and reported there with the verdict `unknown`; tasks no consumer service
 * claims are listed in the gap itself.
 */
export async function describeListedTasks(
  context: { readonly ecs: EcsPort; readonly awsConcurrency: number; readonly gaps: GapLog },
  found: ClusterConsumers,
  arns: readonly string[],
  onlyService?: string,
): Promise<ListedTasks> {
  const { cluster } = found;
  const failures: { readonly arns: readonly string[]; readonly error: unknown }[] = [];
  const pages = await mapConcurrent(chunk(arns, DESCRIBE_BATCH), context.awsConcurrency, (batch) =>
    context.ecs.describeTasks(cluster, batch).catch((error: unknown) => {
      failures.push({ arns: batch, error });
      return [];
    }),
  );
  const tasks = pages.flat();
  const byService = new Map<string, ServiceShortfall>();
  if (failures.length === 0) return { tasks, byService };
  const hidden = new Map(
    failures.flatMap(({ arns: batch, error }) => batch.map((arn) => [arn, error] as const)),
  );
  const owners = onlyService
    ? new Map([[onlyService, [...hidden.keys()]]])
    : await listPerService(context.ecs, cluster, found, context.awsConcurrency);
  const claimed = new Set<string>();
  for (const service of found.services) {
    const owned = owners.get(service.serviceName);
    const shortfall: ServiceShortfall = { unjudged: [] };
    if (owned === undefined) shortfall.incomplete = "tasks ECS could not describe may belong to it";
    for (const arn of owned ?? []) {
      const error = hidden.get(arn);
      if (error === undefined) continue;
      claimed.add(arn);
      const { operation, errorCode } = describeFailure(error);
      shortfall.unjudged.push({
        taskArn: arn,
        reason: `ECS could not describe it (${operation}: ${errorCode}): not judged in this run.`,
      });
    }
    if (shortfall.unjudged.length > 0 || shortfall.incomplete) byService.set(service.serviceName, shortfall);
  }
  for (const failure of failures)
    context.gaps.recordFailure({
      scope: GapScope.Tasks,
      cluster: clusterName(cluster),
      resource: `${failure.arns.length} running task(s)`,
      error: failure.error,
      consequence:
        "tasks of consumer services are listed under their service with the verdict unknown; the others are listed here, not judged.",
      taskArns: failure.arns.filter((arn) => !claimed.has(arn)),
    });
  return { tasks, byService };
}

/** Each consumer service's running task ARNs; a service whose listing fails is absent. */
async function listPerService(
  ecs: EcsPort,
  cluster: string,
  found: ClusterConsumers,
  concurrency: number,
): Promise<Map<string, string[]>> {
  const listed = await mapConcurrent(found.services, concurrency, async (service) => {
    try {
      return [
        service.serviceName,
        await ecs.listTasks(cluster, { serviceName: service.serviceName }),
      ] as const;
    } catch {
      return null;
    }
  });
  return new Map(listed.filter((entry) => entry !== null));
}
