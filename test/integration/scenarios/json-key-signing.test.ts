import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { fingerprintKey } from "../../../lambda/core/probes/keys/key-fingerprint.js";
import { acceptedKeys } from "../fleet/fleet-test-helpers.js";
import { jwtScenario } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";

const oldField = "json-old-signing-key-000000000000001";
const newField = "json-new-signing-key-000000000000002";
const document = (signingKey: string) =>
  JSON.stringify({ signingKey, databasePassword: "not-the-signing-key-0000000000000" });
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("scenario 5: a JSON secret consumed through a json-key", () => {
  it("signs probes with the named field, not the whole document, and converges", async () => {
    harness = await startHarness(
      jwtScenario(
        [{ name: "prod/app-config", value: document(oldField) }],
        [
          { name: "orders", image: "sample/jwt-api:jose", valueFromSuffix: ":signingKey::" },
          { name: "payments", image: "sample/jwt-api:jsonwebtoken-8", valueFromSuffix: ":signingKey::" },
        ],
      ),
    );
    const { fleet } = harness;
    const setupRuns = harness.reports().length;

    await harness.secrets.send(
      new PutSecretValueCommand({ SecretId: "prod/app-config", SecretString: document(newField) }),
    );
    await harness.settle();

    const rotationReports = harness.reports().slice(setupRuns);
    const cutoverReports = rotationReports.filter(
      (report) => report.trigger.kind !== "deployment-state-change",
    );
    expect(cutoverReports.length).toBeGreaterThan(0);
    for (const report of rotationReports) {
      expect(report.keyFingerprint).toBe(fingerprintKey(newField));
      expect(report.keyFingerprint).not.toBe(fingerprintKey(document(newField)));
    }
    const forced = cutoverReports
      .flatMap((report) => report.services)
      .filter((service) => service.action === "forced-deployment");
    expect(forced.map((service) => service.service).sort()).toEqual(["orders", "payments"]);
    // A token signed with the new field is refused by tasks still holding the old field: real evidence.
    expect(forced.flatMap((service) => service.tasks.map((task) => task.probe.status))).toEqual([
      "rejected",
      "rejected",
      "rejected",
      "rejected",
    ]);
    for (const service of ["orders", "payments"]) {
      expect(harness.forcedDeployments(service)).toHaveLength(1);
      const latest = harness.latestServiceReport(service);
      expect(latest?.verdict).toBe("converged");
      expect(latest?.tasks.map((task) => task.probe.status)).toEqual(["accepted", "accepted"]);
      const addresses = fleet.runningTasks("prod", service).map((task) => task.address);
      expect(await acceptedKeys(addresses, oldField, newField)).toEqual(["new", "new"]);
    }
  });
});
