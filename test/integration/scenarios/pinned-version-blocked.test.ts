import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import type { ServiceReport } from "../../../lambda/core/report/report.js";
import { jwtScenario } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";
import { createServices, serviceRecord } from "./scenario-operator.js";

const firstKey = "pinned-first-signing-key-000000000001";
const secondKey = "pinned-second-signing-key-00000000002";
const thirdKey = "pinned-third-signing-key-000000000003";
const firstVersion = "11111111-1111-4111-8111-111111111111";
const fix = "register a task definition revision whose valueFrom does not pin a version";
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** Every report entry of `service` from a cut-over run (not a deployment follow-up). */
function cutoverEntries(current: Harness, service: string): ServiceReport[] {
  return current
    .reports()
    .filter((report) => report.trigger.kind !== "deployment-state-change")
    .flatMap((report) => report.services)
    .filter((entry) => entry.service === service);
}

function expectBlockedNotForced(current: Harness, service: string): void {
  const entries = cutoverEntries(current, service);
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) {
    expect([entry.verdict, entry.action]).toEqual(["blocked", "none"]);
    expect(entry.reason).toContain(fix);
    expect(entry.tasks.map((task) => task.verdict)).toEqual(["pinned", "pinned"]);
  }
  expect(current.forcedDeployments(service)).toHaveLength(0);
  expect(serviceRecord(current.fleet, "prod", service).history).toHaveLength(1);
}

describe("scenario 4: a task definition pins the secret to a version", () => {
  it("reports a version-id pin as blocked, states the fix, and forces nothing", async () => {
    const scenario = jwtScenario(
      [{ name: "prod/jwt", value: firstKey }],
      [{ name: "legacy", image: "sample/jwt-api:jose", valueFromSuffix: `:::${firstVersion}` }],
    );
    harness = await startHarness({
      ...scenario,
      secrets: [{ Name: "prod/jwt", SecretString: firstKey, ClientRequestToken: firstVersion }],
    });

    await harness.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: secondKey }));
    await harness.settle();

    expectBlockedNotForced(harness, "legacy");
    expect(harness.fleet.callLog.count({ operation: "UpdateService" })).toBe(0);
  });

  it("reports an AWSPREVIOUS pin as blocked, states the fix, and forces nothing", async () => {
    harness = await startHarness({
      secrets: [{ Name: "prod/jwt", SecretString: firstKey }],
      clusters: [{ clusterName: "prod" }],
    });
    // AWSPREVIOUS exists only after a first change; the service starts holding the first key.
    await harness.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: secondKey }));
    await createServices(
      harness.ecs,
      jwtScenario(
        [{ name: "prod/jwt", value: secondKey }],
        [{ name: "legacy", image: "sample/jwt-api:jose", valueFromSuffix: "::AWSPREVIOUS:" }],
      ),
    );
    await harness.fleet.waitForSteadyState("prod", "legacy");
    await harness.settle();

    await harness.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: thirdKey }));
    await harness.settle();

    expectBlockedNotForced(harness, "legacy");
    expect(harness.fleet.callLog.count({ operation: "UpdateService" })).toBe(0);
  });
});
