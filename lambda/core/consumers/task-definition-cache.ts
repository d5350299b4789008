import type { EcsPort } from "../ports.js";
import type { TaskDefinitionSnapshot } from "../snapshots.js";

/** Describes each distinct task definition once per run, however many services and tasks share it. */
export interface TaskDefinitionCache {
  get(taskDefinitionArn: string): Promise<TaskDefinitionSnapshot>;
}

/** A run-scoped cache that memoises the in-flight promise, so concurrent callers share one call. */
export function createTaskDefinitionCache(ecs: EcsPort): TaskDefinitionCache {
  const cache = new Map<string, Promise<TaskDefinitionSnapshot>>();
  return {
    get(taskDefinitionArn) {
      let pending = cache.get(taskDefinitionArn);
      if (!pending) {
        pending = ecs.describeTaskDefinition(taskDefinitionArn);
        cache.set(taskDefinitionArn, pending);
      }
      return pending;
    },
  };
}
