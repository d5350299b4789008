import type { StrategySettings } from "../deployment-strategy.js";

/** One production traffic shift: green's share after it, and the bake (minutes) before the next one. */
export interface ProductionStep {
  readonly percent: number;
  readonly bakeMinutes: number;
}

/**
 * The production traffic shifts of a strategy: BLUE_GREEN shifts 100% at once; LINEAR in equal
 * `stepPercent` steps with `stepBakeTimeInMinutes` between them (none after 100%); CANARY shifts
 * `canaryPercent`, bakes `canaryBakeTimeInMinutes`, then shifts the rest.
 */
export function productionSteps(settings: StrategySettings): ProductionStep[] {
  if (settings.strategy === "LINEAR" && settings.linearConfiguration) {
    const { stepPercent, stepBakeTimeInMinutes } = settings.linearConfiguration;
    const steps: ProductionStep[] = [];
    for (let share = stepPercent; share < 100 - 1e-9; share += stepPercent) {
      steps.push({ percent: Math.round(share * 10) / 10, bakeMinutes: stepBakeTimeInMinutes });
    }
    return [...steps, { percent: 100, bakeMinutes: 0 }];
  }
  if (settings.strategy === "CANARY" && settings.canaryConfiguration) {
    const { canaryPercent, canaryBakeTimeInMinutes } = settings.canaryConfiguration;
    if (canaryPercent >= 100) return [{ percent: 100, bakeMinutes: 0 }];
    return [
      { percent: canaryPercent, bakeMinutes: canaryBakeTimeInMinutes },
      { percent: 100, bakeMinutes: 0 },
    ];
  }
  return [{ percent: 100, bakeMinutes: 0 }];
}
