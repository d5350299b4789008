import type { ServiceApi } from "../contracts.js";
import type { Scenario } from "./scenario.js";

/** The APIs a scenario is applied through. */
export interface ScenarioTargets {
  readonly ecs: ServiceApi;
  readonly secrets: ServiceApi;
}

/**
 * Applies a scenario in dependency order (secrets, clusters, task definitions, services) through
 * the same operation handlers the front door calls; an AwsServiceError aborts with the failing step.
 */
export async function applyScenario(scenario: Scenario, targets: ScenarioTargets): Promise<void> {
  const steps: [ServiceApi, string, readonly Record<string, unknown>[] | undefined][] = [
    [targets.secrets, "CreateSecret", scenario.secrets],
    [targets.ecs, "CreateCluster", scenario.clusters],
    [targets.ecs, "RegisterTaskDefinition", scenario.taskDefinitions],
    [targets.ecs, "CreateService", scenario.services],
  ];
  for (const [api, operation, inputs] of steps) {
    const handler = api.operations[operation];
    if (!handler) throw new ScenarioError(`${api.targetPrefix} has no ${operation} operation`);
    for (const [index, input] of (inputs ?? []).entries()) {
      try {
        await handler(structuredClone(input));
      } catch (error) {
        const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        throw new ScenarioError(`Scenario step ${operation} #${index + 1} failed: ${detail}`, {
          cause: error,
        });
      }
    }
  }
}

/** A scenario could not be loaded or applied; the message names the step. */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  readonly code = "SCENARIO_INVALID";
}
