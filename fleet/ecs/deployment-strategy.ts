import { invalidParameter } from "./ecs-errors.js";
import { type LifecycleHookSettings, parseLifecycleHooks } from "./parse-lifecycle-hooks.js";

/** `deploymentConfiguration.strategy` values (the model's DeploymentStrategy). */
export const DeploymentStrategy = {
  rolling: "ROLLING",
  blueGreen: "BLUE_GREEN",
  linear: "LINEAR",
  canary: "CANARY",
} as const;
export type DeploymentStrategy = (typeof DeploymentStrategy)[keyof typeof DeploymentStrategy];

/** The strategy part of a service's deployment configuration. */
export interface StrategySettings {
  readonly strategy: DeploymentStrategy;
  readonly bakeTimeInMinutes?: number;
  readonly lifecycleHooks: readonly LifecycleHookSettings[];
  readonly linearConfiguration?: { readonly stepPercent: number; readonly stepBakeTimeInMinutes: number };
  readonly canaryConfiguration?: { readonly canaryPercent: number; readonly canaryBakeTimeInMinutes: number };
}

/** A new service: ROLLING, no hooks. */
export const defaultStrategySettings: StrategySettings = { strategy: "ROLLING", lifecycleHooks: [] };

/**
 * Applies the strategy members of a `deploymentConfiguration` over the current ones; a member not
 * given keeps its value. Rejects what the API reference rejects with InvalidParameterException:
 * unknown strategies, a linear/canary configuration with another strategy, out-of-range percents
 * and bake times, and malformed hooks (see parseLifecycleHooks).
 */
export function mergeStrategySettings(
  current: StrategySettings,
  config: Readonly<Record<string, unknown>>,
): StrategySettings {
  const strategy = config.strategy === undefined ? current.strategy : parseStrategy(config.strategy);
  const bake = optionalMinutes(config.bakeTimeInMinutes, "bakeTimeInMinutes") ?? current.bakeTimeInMinutes;
  const hooks =
    config.lifecycleHooks === undefined ? current.lifecycleHooks : parseLifecycleHooks(config.lifecycleHooks);
  const linear = config.linearConfiguration;
  const canary = config.canaryConfiguration;
  if (linear !== undefined && strategy !== "LINEAR")
    throw invalidParameter("linearConfiguration is only valid when the deployment strategy is LINEAR.");
  if (canary !== undefined && strategy !== "CANARY")
    throw invalidParameter("canaryConfiguration is only valid when the deployment strategy is CANARY.");
  return {
    strategy,
    ...(bake === undefined ? {} : { bakeTimeInMinutes: bake }),
    lifecycleHooks: hooks,
    ...(strategy === "LINEAR"
      ? { linearConfiguration: parseLinear(linear, current.linearConfiguration) }
      : {}),
    ...(strategy === "CANARY"
      ? { canaryConfiguration: parseCanary(canary, current.canaryConfiguration) }
      : {}),
  };
}

function parseStrategy(value: unknown): DeploymentStrategy {
  const known = Object.values(DeploymentStrategy) as unknown[];
  if (!known.includes(value)) {
    throw invalidParameter(
      `Invalid deployment strategy: ${String(value)}. Valid values: ${known.join(", ")}.`,
    );
  }
  return value as DeploymentStrategy;
}

function parseLinear(value: unknown, current: StrategySettings["linearConfiguration"]) {
  const config = objectOrEmpty(value, "linearConfiguration");
  const stepPercent = percentStep(config.stepPercent, 3, "linearConfiguration.stepPercent");
  const bake = optionalMinutes(config.stepBakeTimeInMinutes, "linearConfiguration.stepBakeTimeInMinutes");
  return {
    stepPercent: stepPercent ?? current?.stepPercent ?? 10,
    stepBakeTimeInMinutes: bake ?? current?.stepBakeTimeInMinutes ?? 6,
  };
}

function parseCanary(value: unknown, current: StrategySettings["canaryConfiguration"]) {
  const config = objectOrEmpty(value, "canaryConfiguration");
  const canaryPercent = percentStep(config.canaryPercent, 0.1, "canaryConfiguration.canaryPercent");
  const bake = optionalMinutes(config.canaryBakeTimeInMinutes, "canaryConfiguration.canaryBakeTimeInMinutes");
  return {
    canaryPercent: canaryPercent ?? current?.canaryPercent ?? 5,
    canaryBakeTimeInMinutes: bake ?? current?.canaryBakeTimeInMinutes ?? 10,
  };
}

function objectOrEmpty(value: unknown, name: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw invalidParameter(`${name} must be an object.`);
  return value as Record<string, unknown>;
}

/** A percent that is a multiple of 0.1 in [min, 100], as the API reference documents. */
function percentStep(value: unknown, min: number, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = typeof value === "number" ? value : Number.NaN;
  const onGrid = Math.abs(Math.round(number * 10) - number * 10) < 1e-6;
  if (!Number.isFinite(number) || !onGrid || number < min || number > 100) {
    throw invalidParameter(`${name} must be a multiple of 0.1 from ${min} to 100.0.`);
  }
  return number;
}

/** Whole minutes in [0, 1440] (bake times). */
function optionalMinutes(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 1440) {
    throw invalidParameter(`${name} must be an integer from 0 to 1440.`);
  }
  return value;
}
