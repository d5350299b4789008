import type { DeploymentSettings } from "./deployment-state.js";
import { defaultStrategySettings, mergeStrategySettings } from "./deployment-strategy.js";
import { invalidParameter } from "./ecs-errors.js";

/** ECS defaults for a REPLICA service with the rolling (ECS) deployment controller. */
export const defaultDeploymentSettings: DeploymentSettings = {
  minimumHealthyPercent: 100,
  maximumPercent: 200,
  circuitBreaker: { enable: false, rollback: false },
  strategy: defaultStrategySettings,
};

/** Applies a `deploymentConfiguration` input over current settings; rejects values ECS rejects. */
export function mergeDeploymentSettings(current: DeploymentSettings, input: unknown): DeploymentSettings {
  if (input === undefined || input === null) return current;
  if (typeof input !== "object") throw invalidParameter("deploymentConfiguration must be an object.");
  const config = input as Record<string, unknown>;
  const breaker = config.deploymentCircuitBreaker as Record<string, unknown> | undefined;
  const next: DeploymentSettings = {
    minimumHealthyPercent: percent(
      config.minimumHealthyPercent,
      current.minimumHealthyPercent,
      "minimumHealthyPercent",
    ),
    maximumPercent: percent(config.maximumPercent, current.maximumPercent, "maximumPercent"),
    circuitBreaker: breaker
      ? { enable: breaker.enable === true, rollback: breaker.rollback === true }
      : { ...current.circuitBreaker },
    strategy: mergeStrategySettings(current.strategy, config),
  };
  if (next.maximumPercent < 100 && next.minimumHealthyPercent >= next.maximumPercent) {
    throw invalidParameter("maximumPercent must be greater than minimumHealthyPercent.");
  }
  if (next.minimumHealthyPercent > 100) throw invalidParameter("minimumHealthyPercent must be at most 100.");
  return next;
}

function percent(value: unknown, fallback: number, name: string): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw invalidParameter(`${name} must be a non-negative integer.`);
  }
  return value;
}
