import type { EcsState } from "./ecs-state.js";

/** ECS keeps stopped tasks describable for at least an hour; the fleet keeps them exactly that long. */
export const stoppedTaskRetentionMs = 60 * 60 * 1000;

/** Forgets tasks (and their tags) that stopped more than `retentionMs` ago, so a long demo stays small. */
export function pruneStoppedTasks(
  state: EcsState,
  now: number,
  retentionMs = stoppedTaskRetentionMs,
): number {
  let pruned = 0;
  for (const [arn, task] of state.tasks) {
    if (task.lastStatus === "STOPPED" && task.stoppedAt !== undefined && task.stoppedAt < now - retentionMs) {
      state.tasks.delete(arn);
      state.tags.delete(arn);
      pruned += 1;
    }
  }
  return pruned;
}
