import type { OperationHandler } from "../contracts.js";
import { readPaging } from "./cluster-operations.js";
import { compact } from "./compact.js";
import type { EcsContext } from "./ecs-context.js";
import { invalidParameter, serviceNotFound } from "./ecs-errors.js";
import { includesTags, optionalString, optionalStringList } from "./ecs-input.js";
import type { TaskRecord } from "./ecs-state.js";
import { toEpochSeconds } from "./epoch-seconds.js";
import { findCluster, lookupService, lookupTask } from "./find-resources.js";
import { paginate } from "./paginate.js";
import { renderTask } from "./render-task.js";

/** ListTasks (cluster, serviceName, family, desiredStatus, startedBy, launchType) and DescribeTasks (at most 100). */
export function taskReadOperations(ctx: EcsContext): Record<string, OperationHandler> {
  const { state } = ctx;
  return {
    ListTasks(input) {
      const cluster = findCluster(state, optionalString(input, "cluster"));
      const filter = taskFilter(ctx, input, cluster);
      const arns =
        optionalString(input, "containerInstance") === undefined
          ? [...state.tasks.values()]
              .filter((task) => task.cluster === cluster && filter(task))
              .map((task) => task.arn)
          : [];
      const page = paginate(arns, readPaging(input), { defaultMax: 100, max: 100 });
      return compact({ taskArns: page.items, nextToken: page.nextToken });
    },
    DescribeTasks(input) {
      const cluster = findCluster(state, optionalString(input, "cluster"));
      const refs = optionalStringList(input, "tasks") ?? [];
      if (refs.length === 0) throw invalidParameter("Tasks cannot be empty.");
      if (refs.length > 100) throw invalidParameter("tasks can have at most 100 items.");
      const withTags = includesTags(input);
      const tasks: unknown[] = [];
      const failures: unknown[] = [];
      for (const ref of refs) {
        const task = lookupTask(state, cluster, ref);
        if (task)
          tasks.push(
            renderTask(task, toEpochSeconds, withTags ? (state.tags.get(task.arn) ?? []) : undefined),
          );
        else failures.push({ arn: ref, reason: "MISSING" });
      }
      return { tasks, failures };
    },
  };
}

function taskFilter(
  ctx: EcsContext,
  input: Record<string, unknown>,
  cluster: ReturnType<typeof findCluster>,
) {
  const serviceName = optionalString(input, "serviceName");
  const family = optionalString(input, "family");
  const startedBy = optionalString(input, "startedBy");
  const launchType = optionalString(input, "launchType");
  const desiredStatus = optionalString(input, "desiredStatus") ?? "RUNNING";
  const service = serviceName === undefined ? undefined : lookupService(ctx.state, cluster, serviceName);
  if (serviceName !== undefined && !service) throw serviceNotFound();
  return (task: TaskRecord): boolean =>
    task.desiredStatus === desiredStatus &&
    (service === undefined || task.service === service) &&
    (family === undefined || task.taskDefinition.family === family) &&
    (startedBy === undefined || task.startedBy === startedBy) &&
    (launchType === undefined || task.launchType === launchType);
}
