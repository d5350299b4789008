import { clientError } from "./ecs-errors.js";

/**
 * The messages ECS's RegisterTaskDefinition answers (ClientException) for a task definition that
 * requires FARGATE but cannot run there (developer guide, "Task definition parameters": for Fargate
 * the network mode must be awsvpc and task-level cpu and memory are required).
 */
export const FargateRequirement = {
  networkMode: "Fargate only supports network mode ‘awsvpc’.",
  cpu: "Fargate requires that 'cpu' be defined at the task level.",
  memory: "Fargate requires that 'memory' be defined at the task level.",
} as const;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/**
 * Refuses a RegisterTaskDefinition input whose `requiresCompatibilities` names FARGATE without
 * `networkMode: awsvpc` (ECS's default is bridge), a task-level `cpu` or a task-level `memory`, so
 * that what the fleet accepts registers on a real account too.
 */
export function checkFargateRequirements(input: Readonly<Record<string, unknown>>): void {
  const compatibilities = input.requiresCompatibilities;
  if (!Array.isArray(compatibilities) || !compatibilities.includes("FARGATE")) return;
  if (input.networkMode !== "awsvpc") throw clientError(FargateRequirement.networkMode);
  if (isBlank(input.cpu)) throw clientError(FargateRequirement.cpu);
  if (isBlank(input.memory)) throw clientError(FargateRequirement.memory);
}
