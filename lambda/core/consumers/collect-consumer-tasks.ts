import { mapConcurrent } from "../map-concurrent.js";
import type { EcsPort } from "../ports.js";
import { clusterName } from "../report/build-report.js";
import type { GapLog } from "../report/gap-log.js";
import { GapScope } from "../report/report.js";
import type { ServiceSnapshot, TaskSnapshot } from "../snapshots.js";
import { describeListedTasks, type UnjudgedTask } from "./describe-listed-tasks.js";
import type { ClusterConsumers } from "./discover-consumers.js";

/** The running tasks of one consumer: a service, or the standalone tasks of one family. */
export type ConsumerGroup =
  | {
      readonly kind: "service";
      readonly cluster: string;
      readonly service: ServiceSnapshot;
      readonly tasks: TaskSnapshot[];
      /** Tasks of this service ECS listed but could not describe. @default none */
      readonly unjudged?: readonly UnjudgedTask[];
      /** Set when this service's tasks could not even be listed: why. @default complete */
      readonly incomplete?: string;
    }
  | {
      readonly kind: "standalone";
      readonly cluster: string;
      readonly family: string;
      readonly tasks: TaskSnapshot[];
    };

/** What task collection needs besides the ECS port. */
export interface CollectContext {
  readonly ecs: EcsPort;
  readonly awsConcurrency: number;
  readonly consumes: (taskDefinitionArn: string) => Promise<boolean>;
  readonly gaps: GapLog;
}

/**
 * Lists and describes the cluster's tasks once (ListTasks, then DescribeTasks in batches of 100
 * across services), then groups them: `service:<name>` tasks of consumer services, and standalone
 * tasks whose own task definition consumes the secret. A task whose group names a service this run
 * does not know (`service:ghost`) is standalone too. A consumer service keeps all its tasks here:
 * inspection counts those whose own revision does not read the secret, so the report can say they
 * exist rather than drop them silently. With `onlyService`, only that service's tasks are listed and
 * standalone tasks are skipped. Failed calls become gaps; the services they cover say so.
 */
export async function collectConsumerTasks(
  context: CollectContext,
  found: ClusterConsumers,
  onlyService?: string,
): Promise<ConsumerGroup[]> {
  const { cluster, services } = found;
  let arns: string[];
  try {
    arns = await context.ecs.listTasks(cluster, onlyService ? { serviceName: onlyService } : {});
  } catch (error) {
    const why = "its running tasks could not be listed";
    context.gaps.recordFailure({
      scope: GapScope.Tasks,
      cluster: clusterName(cluster),
      resource: onlyService ?? "running tasks",
      error,
      consequence: `${why}: ${describeHidden(services, !onlyService)}; none is judged or force-deployed.`,
    });
    return services.map((service) => ({ kind: "service", cluster, service, tasks: [], incomplete: why }));
  }
  const listed = await describeListedTasks(context, found, arns, onlyService);
  const tasks = listed.tasks;
  const groups: ConsumerGroup[] = services.map((service) => {
    const attributed = listed.byService.get(service.serviceName);
    return {
      kind: "service",
      cluster,
      service,
      tasks: tasks.filter((task) => task.group === `service:${service.serviceName}`),
      ...(attributed?.unjudged.length ? { unjudged: attributed.unjudged } : {}),
      ...(attributed?.incomplete ? { incomplete: attributed.incomplete } : {}),
    };
  });
  recordUndecided(context.gaps, found, tasks);
  if (onlyService) return groups;
  const candidates = tasks.filter((task) => !belongsToKnownService(task, found));
  const consuming = await mapConcurrent(candidates, context.awsConcurrency, (task) =>
    context.consumes(task.taskDefinitionArn).catch((error: unknown) => {
      context.gaps.recordFailure({
        scope: GapScope.Tasks,
        cluster: clusterName(cluster),
        resource: task.taskDefinitionArn,
        error,
        consequence: "whether this task reads the secret is unknown: it is not judged.",
        taskArns: [task.taskArn],
      });
      return false;
    }),
  );
  const families = new Map<string, TaskSnapshot[]>();
  for (const task of candidates.filter((_, index) => consuming[index])) {
    const family = standaloneFamily(task);
    families.set(family, [...(families.get(family) ?? []), task]);
  }
  for (const [family, familyTasks] of families)
    groups.push({ kind: "standalone", cluster, family, tasks: familyTasks });
  return groups;
}

/**
 * What a failed ListTasks hides, from what DescribeServices said: each consumer service's running
 * count (its deployments' `runningCount`, the ARNs being unknown), and whether standalone tasks went unseen too.
 */
function describeHidden(services: readonly ServiceSnapshot[], standalone: boolean): string {
  const counts = services.map((service) =>
    service.deployments.reduce((sum, deployment) => sum + deployment.runningCount, 0),
  );
  const running = counts.reduce((sum, count) => sum + count, 0);
  const named = services.map((service, index) => `${service.serviceName} (${counts[index]})`).join(", ");
  const ofServices =
    services.length === 0
      ? "no consumer service was found"
      : `${running} running task(s) of ${services.length} consumer service(s) are hidden: ${named}`;
  return standalone ? `${ofServices}, and any standalone task reading the secret` : ofServices;
}

/** A service whose task definition could not be read hides its tasks: the gap names them. */
function recordUndecided(gaps: GapLog, found: ClusterConsumers, tasks: readonly TaskSnapshot[]): void {
  for (const [service, error] of found.undecided)
    gaps.recordFailure({
      scope: GapScope.Service,
      cluster: clusterName(found.cluster),
      resource: service,
      error,
      consequence:
        "a task definition of this service could not be read, so whether it reads the secret is unknown: its tasks are not judged and it is not force-deployed.",
      taskArns: tasks.filter((task) => task.group === `service:${service}`).map((task) => task.taskArn),
    });
}

/** Tasks of services the run described belong to those services (consumers or not), not to a family. */
function belongsToKnownService(task: TaskSnapshot, found: ClusterConsumers): boolean {
  if (!task.group.startsWith("service:")) return false;
  const name = task.group.slice("service:".length);
  return found.knownServices.has(name) || found.undecided.has(name);
}

/**
 * A standalone task's family: from its `family:<family>` group, or, when RunTask was given a group
 * of its own (`nightly-batch`, `service:ghost`), from its task definition ARN, so such a task is
 * still reported.
 */
function standaloneFamily(task: TaskSnapshot): string {
  if (task.group.startsWith("family:")) return task.group.slice("family:".length);
  const revision = task.taskDefinitionArn.slice(task.taskDefinitionArn.lastIndexOf("/") + 1);
  return revision.slice(0, revision.lastIndexOf(":"));
}
