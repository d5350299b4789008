import { readFile } from "node:fs/promises";
import { ScenarioError } from "./apply-scenario.js";
import type { Scenario } from "./scenario.js";

/** Members each list entry must have: the required inputs of the API call it stands for. */
const requiredMembers: Readonly<Record<keyof Scenario, readonly string[]>> = {
  secrets: ["Name"],
  clusters: ["clusterName"],
  taskDefinitions: ["family", "containerDefinitions"],
  services: ["serviceName", "taskDefinition"],
};

/**
 * Reads and checks a scenario file (see `scenario.schema.json`); the checks mirror the schema's
 * `required` lists so a bad file fails before anything is created.
 * @throws ScenarioError (`SCENARIO_INVALID`) naming the file and the offending entry.
 */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (cause) {
    throw new ScenarioError(`Cannot read scenario ${path} as JSON`, { cause });
  }
  return checkScenario(parsed, path);
}

/** Checks an already parsed scenario; `source` names it in errors. */
export function checkScenario(value: unknown, source: string): Scenario {
  if (!isObject(value)) throw new ScenarioError(`Scenario ${source} must be a JSON object`);
  for (const key of Object.keys(value)) {
    if (key !== "$schema" && !(key in requiredMembers))
      throw new ScenarioError(`Scenario ${source}: unknown member "${key}"`);
  }
  for (const [key, required] of Object.entries(requiredMembers)) {
    const list = value[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new ScenarioError(`Scenario ${source}: "${key}" must be a list`);
    list.forEach((entry: unknown, index) => {
      const missing = isObject(entry) ? required.filter((member) => entry[member] === undefined) : required;
      if (missing.length > 0) {
        throw new ScenarioError(`Scenario ${source}: ${key}[${index}] needs ${missing.join(", ")}`);
      }
    });
  }
  return value as Scenario;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
