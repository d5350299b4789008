import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { acceptedKeys } from "../fleet/fleet-test-helpers.js";
import { jwtScenario } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";
import { deployNewRevision, holdVerifierDiscovery, serviceRecord } from "./scenario-operator.js";

const oldKey = "rolling-old-signing-key-00000000000001";
const newKey = "rolling-new-signing-key-00000000000002";
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("scenario 3: a deployment created after the cut-over is still rolling", () => {
  it("waits on it without forcing another, then reports converged once it completes", async () => {
    harness = await startHarness(
      jwtScenario([{ name: "prod/jwt", value: oldKey }], [{ name: "orders", image: "sample/jwt-api:jose" }]),
      // Slow task start: the operator's deployment is still IN_PROGRESS when the verifier looks.
      { fleet: { taskStartDelayMs: 4000 } },
    );
    const { fleet } = harness;

    const release = holdVerifierDiscovery(fleet, 1000);
    await harness.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: newKey }));
    const releaseId = await deployNewRevision(harness.ecs, "prod", "orders");
    await fleet.waitForDeployment("prod", "orders", releaseId);
    release();
    await harness.settle();

    expect(harness.forcedDeployments()).toHaveLength(0);
    const orders = serviceRecord(fleet, "prod", "orders");
    expect(orders.deployments.map((deployment) => [deployment.id, deployment.rolloutState])).toEqual([
      [releaseId, "COMPLETED"],
    ]);
    expect(orders.history).toHaveLength(2);

    // Every cut-over run that began while the release rolled waits on it. On a loaded machine an
    // event may be delivered late, after the release completed: such a run must find it converged.
    const completedAt = orders.history.find((deployment) => deployment.id === releaseId)?.updatedAt ?? 0;
    const cutoverReports = harness
      .reports()
      .filter((report) => report.trigger.kind !== "deployment-state-change");
    const whileRolling = cutoverReports.filter((report) => Date.parse(report.startedAt) < completedAt);
    expect(whileRolling.length).toBeGreaterThan(0);
    for (const run of whileRolling.flatMap((report) => report.services)) {
      expect([run.verdict, run.action, run.deploymentId]).toEqual(["wait", "none", releaseId]);
      expect(run.reason).toContain("still rolling");
    }
    for (const run of cutoverReports
      .filter((report) => !whileRolling.includes(report))
      .flatMap((r) => r.services))
      expect([run.verdict, run.action]).toEqual(["converged", "none"]);

    const followUp = harness.reports().filter((report) => report.trigger.kind === "deployment-state-change");
    expect(followUp.length).toBeGreaterThan(0);
    const latest = harness.latestServiceReport("orders");
    expect(latest?.verdict).toBe("converged");
    expect(latest?.tasks.map((task) => [task.verdict, task.probe.status])).toEqual([
      ["current", "accepted"],
      ["current", "accepted"],
    ]);
    const addresses = fleet.runningTasks("prod", "orders").map((task) => task.address);
    expect(await acceptedKeys(addresses, oldKey, newKey)).toEqual(["new", "new"]);
  });
});
