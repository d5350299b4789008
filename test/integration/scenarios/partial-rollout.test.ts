import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { acceptedKeys } from "../fleet/fleet-test-helpers.js";
import { jwtScenario } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";
import {
  deployNewRevision,
  holdVerifierDiscovery,
  runningTaskRecords,
  serviceRecord,
} from "./scenario-operator.js";

const oldKey = "partial-old-signing-key-00000000000001";
const newKey = "partial-new-signing-key-00000000000002";
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("scenario 2: a partial rollout", () => {
  it("redeploys only the lagging service and leaves the service whose tasks started after the cut-over alone", async () => {
    harness = await startHarness(
      jwtScenario(
        [{ name: "prod/jwt", value: oldKey }],
        [
          { name: "orders", image: "sample/jwt-api:jose" },
          { name: "payments", image: "sample/jwt-api:jsonwebtoken-9" },
        ],
      ),
    );
    const { fleet } = harness;
    await fleet.waitForSteadyState("prod", "orders");
    await fleet.waitForSteadyState("prod", "payments");

    const release = holdVerifierDiscovery(fleet, 2500);
    const rotatedAt = Date.now();
    await harness.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: newKey }));
    const releaseId = await deployNewRevision(harness.ecs, "prod", "payments");
    await fleet.waitForDeployment("prod", "payments", releaseId);
    release();
    const paymentsTasks = runningTaskRecords(fleet, "prod", "payments");
    expect(paymentsTasks).toHaveLength(2);
    expect(paymentsTasks.every((task) => task.createdAt >= rotatedAt)).toBe(true);
    await harness.settle();

    expect(harness.forcedDeployments("orders")).toHaveLength(1);
    expect(harness.forcedDeployments("payments")).toHaveLength(0);
    const payments = serviceRecord(fleet, "prod", "payments");
    expect(payments.history.map((deployment) => deployment.id).at(-1)).toBe(releaseId);
    expect(payments.deployments.map((deployment) => deployment.id)).toEqual([releaseId]);

    const cutoverReports = harness
      .reports()
      .filter((report) => report.trigger.kind !== "deployment-state-change");
    expect(cutoverReports.length).toBeGreaterThan(0);
    const paymentsVerdicts = cutoverReports.flatMap((report) =>
      report.services.filter((service) => service.service === "payments"),
    );
    expect(paymentsVerdicts.length).toBeGreaterThan(0);
    expect(
      paymentsVerdicts.every((service) => service.verdict === "converged" && service.action === "none"),
    ).toBe(true);
    const ordersForced = cutoverReports
      .flatMap((report) => report.services)
      .filter((service) => service.service === "orders" && service.action === "forced-deployment");
    expect(ordersForced).toHaveLength(1);
    expect(ordersForced[0]?.tasks.map((task) => task.verdict)).toEqual(["stale", "stale"]);

    expect(harness.latestServiceReport("orders")?.verdict).toBe("converged");
    for (const service of ["orders", "payments"]) {
      const addresses = fleet.runningTasks("prod", service).map((task) => task.address);
      expect(await acceptedKeys(addresses, oldKey, newKey)).toEqual(["new", "new"]);
    }
  });
});
