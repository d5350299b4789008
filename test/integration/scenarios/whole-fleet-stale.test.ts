import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { acceptedKeys } from "../fleet/fleet-test-helpers.js";
import { jwtScenario } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";

const oldKey = "scenario-old-signing-key-0000000000001";
const newKey = "scenario-new-signing-key-0000000000002";
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("scenario 1: the whole fleet is stale after a rotation", () => {
  it("redeploys every consumer service exactly once, then verifies it converged", async () => {
    harness = await startHarness(
      jwtScenario(
        [{ name: "prod/jwt", value: oldKey }],
        [
          { name: "orders", image: "sample/jwt-api:jose" },
          { name: "payments", image: "sample/jwt-api:jsonwebtoken-8" },
        ],
      ),
    );
    const { fleet } = harness;
    await fleet.waitForSteadyState("prod", "orders");
    await fleet.waitForSteadyState("prod", "payments");

    await harness.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: newKey }));
    await harness.settle();

    expect(harness.forcedDeployments("orders")).toHaveLength(1);
    expect(harness.forcedDeployments("payments")).toHaveLength(1);
    const forcing = harness
      .reports()
      .flatMap((report) => report.services)
      .filter((service) => service.action === "forced-deployment");
    expect(forcing.map((service) => [service.service, service.verdict]).sort()).toEqual([
      ["orders", "redeploy"],
      ["payments", "redeploy"],
    ]);
    expect(forcing.flatMap((service) => service.tasks.map((task) => task.verdict))).toEqual([
      "stale",
      "stale",
      "stale",
      "stale",
    ]);
    for (const service of ["orders", "payments"]) {
      const latest = harness.latestServiceReport(service);
      expect(latest?.verdict).toBe("converged");
      expect(
        latest?.tasks.every((task) => task.verdict === "current" && task.probe.status === "accepted"),
      ).toBe(true);
      const addresses = fleet.runningTasks("prod", service).map((task) => task.address);
      expect(await acceptedKeys(addresses, oldKey, newKey)).toEqual(["new", "new"]);
    }
  });
});
