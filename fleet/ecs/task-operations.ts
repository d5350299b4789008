import type { OperationHandler } from "../contracts.js";
import { checkNetworkConfiguration } from "./check-network-configuration.js";
import type { EcsContext } from "./ecs-context.js";
import { clientError, invalidParameter } from "./ecs-errors.js";
import {
  includesTags,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalTags,
  requiredString,
} from "./ecs-input.js";
import type { EcsTag } from "./ecs-state.js";
import { toEpochSeconds } from "./epoch-seconds.js";
import { findCluster, findTaskDefinition, lookupTask } from "./find-resources.js";
import { launchTask } from "./launch-task.js";
import { renderTask } from "./render-task.js";
import { requestTaskStop } from "./task-lifecycle.js";

/** `overrides.containerOverrides[].environment` of a RunTask input, by container name. */
function readEnvironmentOverrides(overrides: unknown): Record<string, { name: string; value: string }[]> {
  const list = (overrides as { containerOverrides?: unknown } | undefined)?.containerOverrides;
  const result: Record<string, { name: string; value: string }[]> = {};
  for (const entry of Array.isArray(list) ? list : []) {
    const { name, environment } = (entry ?? {}) as { name?: unknown; environment?: unknown };
    if (typeof name !== "string" || !Array.isArray(environment)) continue;
    result[name] = environment
      .filter((pair): pair is { name: string; value?: unknown } => typeof pair?.name === "string")
      .map((pair) => ({ name: pair.name, value: typeof pair.value === "string" ? pair.value : "" }));
  }
  return result;
}

/** RunTask (standalone tasks: group `family:<family>`) and StopTask (UserInitiated). */
export function taskOperations(ctx: EcsContext): Record<string, OperationHandler> {
  const { state } = ctx;
  return {
    RunTask(input) {
      const cluster = findCluster(state, optionalString(input, "cluster"));
      const definition = findTaskDefinition(state, requiredString(input, "taskDefinition"));
      if (definition.status !== "ACTIVE") throw clientError(`TaskDefinition is inactive: ${definition.arn}`);
      const count = optionalInteger(input, "count") ?? 1;
      if (count < 1 || count > 10) throw invalidParameter("count must be between 1 and 10.");
      const startedBy = optionalString(input, "startedBy");
      if (startedBy !== undefined && startedBy.length > 128)
        throw invalidParameter("startedBy is longer than 128 characters.");
      const tags: EcsTag[] = [...(optionalTags(input) ?? [])];
      if (optionalBoolean(input, "enableECSManagedTags"))
        tags.unshift({ key: "aws:ecs:clusterName", value: cluster.name });
      if (optionalString(input, "propagateTags") === "TASK_DEFINITION")
        tags.push(...(state.tags.get(definition.arn) ?? []));
      checkNetworkConfiguration(definition, input.networkConfiguration);
      const network = optionalObject(input, "networkConfiguration") as
        | { awsvpcConfiguration?: { subnets?: string[] } }
        | undefined;
      const tasks = Array.from({ length: count }, () =>
        launchTask(ctx, {
          cluster,
          taskDefinition: definition,
          group: optionalString(input, "group") ?? `family:${definition.family}`,
          ...(startedBy === undefined ? {} : { startedBy }),
          subnets: network?.awsvpcConfiguration?.subnets ?? [],
          launchType: optionalString(input, "launchType") ?? "FARGATE",
          tags,
          environmentOverrides: readEnvironmentOverrides(input.overrides),
        }),
      );
      return { tasks: tasks.map((task) => renderTask(task, toEpochSeconds)), failures: [] };
    },
    StopTask(input) {
      const cluster = findCluster(state, optionalString(input, "cluster"));
      const task = lookupTask(state, cluster, requiredString(input, "task"));
      if (!task) throw invalidParameter("The referenced task was not found.");
      requestTaskStop(ctx, task, "UserInitiated", optionalString(input, "reason") ?? "Task stopped by user");
      return {
        task: renderTask(task, toEpochSeconds, includesTags(input) ? state.tags.get(task.arn) : undefined),
      };
    },
  };
}
