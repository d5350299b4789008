import { PutSecretValueCommand, RotateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import type { FleetEvent } from "../../../fleet/contracts.js";
import { jwtScenario } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";
import { serviceRecord } from "./scenario-operator.js";

const oldKey = "duplicate-old-signing-key-000000000001";
const newKey = "duplicate-new-signing-key-000000000002";
const services = ["orders", "payments"] as const;
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** Tasks take a while to start: every run after the first sees the forced deployment still rolling. */
async function start(): Promise<Harness> {
  return startHarness(
    jwtScenario(
      [{ name: "prod/jwt", value: oldKey }],
      [
        { name: "orders", image: "sample/jwt-api:jose" },
        { name: "payments", image: "sample/jwt-api:jsonwebtoken-9" },
      ],
    ),
    { fleet: { taskStartDelayMs: 800 } },
  );
}

function expectOneForcedDeploymentEach(current: Harness): void {
  for (const service of services) {
    expect(current.forcedDeployments(service)).toHaveLength(1);
    expect(serviceRecord(current.fleet, "prod", service).history).toHaveLength(2);
    expect(current.latestServiceReport(service)?.verdict).toBe("converged");
  }
}

describe("scenario 8: one rotation announced several times", () => {
  it("forces one deployment per service when the same event is delivered twice", async () => {
    harness = await start();
    const current = harness;
    const setupRuns = current.reports().length;
    const duplicated: FleetEvent[] = [];
    // EventBridge delivers at least once: hand the label update to the function a second time, at once.
    const unsubscribe = current.fleet.onEvent((event) => {
      if (event["detail-type"] !== "Secret Label Updated") return;
      duplicated.push(event);
      current.verifier.lambda.invokeAsync(event);
    });
    await current.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: newKey }));
    await current.settle();
    unsubscribe();

    expect(duplicated).toHaveLength(1);
    const deliveries = current.verifier.lambda.invocations.filter((record) => record.event === duplicated[0]);
    expect(deliveries).toHaveLength(2);
    expect(deliveries.every((record) => record.ok)).toBe(true);
    const runs = current
      .reports()
      .slice(setupRuns)
      .filter((report) => report.trigger.eventId === duplicated[0]?.id);
    expect(runs).toHaveLength(2);
    expect(runs.flatMap((report) => report.services.map((service) => service.action))).toContain("none");
    expectOneForcedDeploymentEach(current);
  });

  it("forces one deployment per service for the label update, the CloudTrail call and RotationSucceeded of one rotation", async () => {
    harness = await start();
    const setupRuns = harness.reports().length;
    const setupRoutes = harness.verifier.routed.length;

    await harness.secrets.send(new RotateSecretCommand({ SecretId: "prod/jwt" }));
    await harness.settle();

    const rules = harness.verifier.routed.slice(setupRoutes).map((route) => route.rule);
    expect(rules).toEqual(
      expect.arrayContaining(["SecretLabelUpdated", "UpdateSecretVersionStage", "RotationSucceeded"]),
    );
    const kinds = harness
      .reports()
      .slice(setupRuns)
      .map((report) => report.trigger.kind);
    expect(kinds).toEqual(expect.arrayContaining(["secret-label-updated", "rotation-succeeded"]));
    const versions = new Set(
      harness
        .reports()
        .slice(setupRuns)
        .map((report) => report.versionId),
    );
    expect(versions.size).toBe(1);
    expectOneForcedDeploymentEach(harness);
  });
});
