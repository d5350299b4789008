import type { StartableContainer } from "../tasks/start-task-app.js";
import type { TaskDefinitionRecord } from "./ecs-state.js";

/** A container definition as registered (only the members the fleet acts on are typed). */
export interface ContainerDefinitionBody extends StartableContainer {
  readonly name?: string;
  readonly image?: string;
  readonly healthCheck?: unknown;
  readonly cpu?: number;
  readonly memoryReservation?: number;
}

/** The container definitions of a revision, as registered. */
export function containerDefinitions(definition: TaskDefinitionRecord): readonly ContainerDefinitionBody[] {
  const list = definition.body.containerDefinitions;
  return Array.isArray(list) ? (list as ContainerDefinitionBody[]) : [];
}

/** ECS reports a task HEALTHY only when its containers define health checks; otherwise UNKNOWN. */
export function hasHealthCheck(definition: TaskDefinitionRecord): boolean {
  return containerDefinitions(definition).some((container) => container.healthCheck !== undefined);
}
