import { invalidParameter } from "./ecs-errors.js";
import type { TaskDefinitionRecord } from "./ecs-state.js";

/** What ECS answers (InvalidParameterException) when an awsvpc task is asked for without subnets. */
export const missingNetworkConfigurationMessage =
  "Network Configuration must be provided when networkMode 'awsvpc' is specified.";

/** What ECS answers when a `bridge`, `host` or `none` task definition is given a network configuration. */
export const unexpectedNetworkConfigurationMessage =
  "Network Configuration is not valid for the given networkMode of this task definition.";

/**
 * CreateService, UpdateService (with a new task definition) and RunTask refuse what ECS refuses:
 * an awsvpc task definition needs `networkConfiguration.awsvpcConfiguration` (API reference,
 * CreateService/RunTask `networkConfiguration`: "required for task definitions that use the awsvpc
 * network mode ... not supported for other network modes"). A task definition registered without
 * `networkMode` is awsvpc here, as the fleet describes it (no EC2 emulation).
 */
export function checkNetworkConfiguration(
  definition: TaskDefinitionRecord,
  networkConfiguration: unknown,
): void {
  const mode = typeof definition.body.networkMode === "string" ? definition.body.networkMode : "awsvpc";
  const awsvpc =
    typeof networkConfiguration === "object" && networkConfiguration !== null
      ? (networkConfiguration as { awsvpcConfiguration?: unknown }).awsvpcConfiguration
      : undefined;
  const given = awsvpc !== undefined && awsvpc !== null;
  if (mode === "awsvpc" && !given) throw invalidParameter(missingNetworkConfigurationMessage);
  if (mode !== "awsvpc" && given) throw invalidParameter(unexpectedNetworkConfigurationMessage);
}
