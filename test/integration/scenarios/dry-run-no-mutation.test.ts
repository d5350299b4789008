import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { productUserAgent } from "../../../lambda/adapters/aws/aws-clients.js";
import { ConfigEnv } from "../../../lambda/config-names.js";
import { acceptedKeys } from "../fleet/fleet-test-helpers.js";
import { jwtScenario } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";
import { mutatingCallsSince, serviceRecord } from "./scenario-operator.js";

const oldKey = "dry-run-old-signing-key-00000000000001";
const newKey = "dry-run-new-signing-key-00000000000002";
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("scenario 9: dry-run", () => {
  it("reports the full verification with action dry-run and makes no mutating call", async () => {
    harness = await startHarness(
      jwtScenario(
        [{ name: "prod/jwt", value: oldKey }],
        [
          { name: "orders", image: "sample/jwt-api:jose" },
          { name: "payments", image: "sample/jwt-api:jsonwebtoken-8" },
        ],
      ),
      { config: { [ConfigEnv.dryRun]: "true" } },
    );
    const { fleet } = harness;
    const setupRuns = harness.reports().length;
    const rotatedAt = Date.now();

    await harness.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: newKey }));
    await harness.settle();

    const mutating = mutatingCallsSince(fleet, rotatedAt);
    expect(mutating.map((entry) => entry.operation)).toEqual(["PutSecretValue"]);
    expect(mutatingCallsSince(fleet, 0, productUserAgent)).toEqual([]);
    expect(fleet.callLog.count({ userAgent: productUserAgent })).toBeGreaterThan(0);
    const reads = fleet.callLog.entries().filter((entry) => entry.at >= rotatedAt);
    expect(reads.map((entry) => entry.operation)).toEqual(
      expect.arrayContaining(["DescribeSecret", "ListServices", "DescribeTasks"]),
    );

    const runs = harness.reports().slice(setupRuns);
    expect(runs.length).toBeGreaterThan(0);
    for (const report of runs) {
      expect(report.dryRun).toBe(true);
      expect(report.totals.servicesRedeployed).toBe(0);
      expect(report.totals.byTaskVerdict.stale).toBe(4);
      expect(
        report.services.map((service) => [service.service, service.verdict, service.action]).sort(),
      ).toEqual([
        ["orders", "redeploy", "dry-run"],
        ["payments", "redeploy", "dry-run"],
      ]);
      for (const service of report.services) {
        expect(service.reason).toContain("Dry-run");
        expect(service.deploymentId).toBeNull();
        expect(service.tasks.map((task) => [task.verdict, task.probe.status])).toEqual([
          ["stale", "rejected"],
          ["stale", "rejected"],
        ]);
      }
    }
    for (const service of ["orders", "payments"]) {
      expect(serviceRecord(fleet, "prod", service).history).toHaveLength(1);
      const addresses = fleet.runningTasks("prod", service).map((task) => task.address);
      expect(await acceptedKeys(addresses, oldKey, newKey)).toEqual(["old", "old"]);
    }
  });
});
