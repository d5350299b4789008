import { mapConcurrent } from "../map-concurrent.js";
import type { EcsPort } from "../ports.js";
import type { ServiceSnapshot, TaskSnapshot } from "../snapshots.js";

/** The running tasks of one consumer: a service, or the standalone tasks of one family. */
export type ConsumerGroup =
  | {
      readonly kind: "service";
      readonly cluster: string;
      readonly service: ServiceSnapshot;
      readonly tasks: TaskSnapshot[];
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
}

/**
 * Lists and describes the cluster's tasks once (ListTasks, then DescribeTasks in batches of 100
 * across services), then groups them: `service:<name>` tasks of consumer services, and standalone
 * `family:<family>` tasks whose own task definition consumes the secret. A consumer service keeps
 * all its tasks here: inspection counts those whose own revision does not read the secret, so the
 * report can say they exist rather than drop them silently.
 * With `onlyService`, only that service's tasks are listed and standalone tasks are skipped.
 */
export async function collectConsumerTasks(
  context: CollectContext,
  cluster: string,
  services: readonly ServiceSnapshot[],
  onlyService?: string,
): Promise<ConsumerGroup[]> {
  const arns = await context.ecs.listTasks(cluster, onlyService ? { serviceName: onlyService } : {});
  const tasks = arns.length > 0 ? await context.ecs.describeTasks(cluster, arns) : [];
  const consuming = await mapConcurrent(tasks, context.awsConcurrency, (task) =>
    context.consumes(task.taskDefinitionArn),
  );
  const relevant = tasks.filter((_, index) => consuming[index]);
  const groups: ConsumerGroup[] = services.map((service) => ({
    kind: "service",
    cluster,
    service,
    tasks: tasks.filter((task) => task.group === `service:${service.serviceName}`),
  }));
  if (onlyService) return groups;
  const families = new Map<string, TaskSnapshot[]>();
  for (const task of relevant) {
    if (task.group.startsWith("service:")) continue;
    const family = standaloneFamily(task);
    families.set(family, [...(families.get(family) ?? []), task]);
  }
  for (const [family, familyTasks] of families)
    groups.push({ kind: "standalone", cluster, family, tasks: familyTasks });
  return groups;
}

/**
 * A standalone task's family: from its `family:<family>` group, or, when RunTask was given a group
 * of its own (`nightly-batch`), from its task definition ARN, so such a task is still reported.
 */
function standaloneFamily(task: TaskSnapshot): string {
  if (task.group.startsWith("family:")) return task.group.slice("family:".length);
  const revision = task.taskDefinitionArn.slice(task.taskDefinitionArn.lastIndexOf("/") + 1);
  return revision.slice(0, revision.lastIndexOf(":"));
}
