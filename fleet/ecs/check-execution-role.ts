import { clientError } from "./ecs-errors.js";

/** What RegisterTaskDefinition answers (ClientException) for container secrets without an execution role. */
export const missingExecutionRoleMessage =
  "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.";

/**
 * Refuses a RegisterTaskDefinition input whose containers read `secrets[]` without a task
 * `executionRoleArn`: ECS retrieves those secrets with the task execution role (developer guide,
 * "Pass sensitive data to an Amazon ECS container"), and refuses the registration without one. The
 * fleet checks that a role is named, not what it may read.
 */
export function checkExecutionRole(input: Readonly<Record<string, unknown>>): void {
  const role = input.executionRoleArn;
  if (typeof role === "string" && role.trim() !== "") return;
  const containers = Array.isArray(input.containerDefinitions) ? input.containerDefinitions : [];
  const readsSecrets = containers.some((container: unknown) => {
    const secrets = (container as { secrets?: unknown } | null)?.secrets;
    return Array.isArray(secrets) && secrets.length > 0;
  });
  if (readsSecrets) throw clientError(missingExecutionRoleMessage);
}
