import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyScenario } from "../../../../fleet/scenario/apply-scenario.js";
import { checkScenario, loadScenarioFile } from "../../../../fleet/scenario/load-scenario-file.js";

const schemaUrl = new URL("../../../../fleet/scenario/scenario.schema.json", import.meta.url);
const exampleUrl = new URL("../../../../fleet/scenario/example-scenario.json", import.meta.url);

describe("scenario files", () => {
  it("loads the shipped example", async () => {
    const scenario = await loadScenarioFile(exampleUrl.pathname);
    expect(scenario.services?.[0]).toMatchObject({ serviceName: "orders-api", desiredCount: 3 });
  });

  it("requires the same members as the JSON Schema documents", () => {
    const schema = JSON.parse(readFileSync(schemaUrl, "utf8")) as {
      properties: Record<string, { items?: { required?: string[] } }>;
    };
    for (const [key, property] of Object.entries(schema.properties)) {
      const required = property.items?.required;
      if (!required) continue;
      expect(() => checkScenario({ [key]: [{}] }, "inline")).toThrow(
        `${key}[0] needs ${required.join(", ")}`,
      );
    }
  });

  it("rejects unknown members and unreadable files with SCENARIO_INVALID", async () => {
    expect(() => checkScenario({ tasks: [] }, "inline")).toThrow(
      expect.objectContaining({ code: "SCENARIO_INVALID" }),
    );
    const file = join(tmpdir(), `scenario-${process.pid}.json`);
    await writeFile(file, "{ not json");
    await expect(loadScenarioFile(file)).rejects.toMatchObject({ code: "SCENARIO_INVALID" });
  });

  it("applies entries in dependency order and names the failing step", async () => {
    const calls: string[] = [];
    const api = (targetPrefix: string, fail?: string) => ({
      targetPrefix,
      operations: Object.fromEntries(
        ["CreateSecret", "CreateCluster", "RegisterTaskDefinition", "CreateService"].map((name) => [
          name,
          () => {
            calls.push(name);
            if (name === fail) throw new Error("boom");
            return {};
          },
        ]),
      ),
    });
    const scenario = {
      services: [{ serviceName: "s", taskDefinition: "t" }],
      taskDefinitions: [{ family: "t", containerDefinitions: [] }],
      clusters: [{ clusterName: "c" }],
      secrets: [{ Name: "n" }],
    };
    await applyScenario(scenario, { ecs: api("ecs"), secrets: api("secretsmanager") });
    expect(calls).toEqual(["CreateSecret", "CreateCluster", "RegisterTaskDefinition", "CreateService"]);
    await expect(
      applyScenario(scenario, { ecs: api("ecs", "CreateService"), secrets: api("sm") }),
    ).rejects.toMatchObject({
      code: "SCENARIO_INVALID",
      message: "Scenario step CreateService #1 failed: Error: boom",
    });
  });
});
