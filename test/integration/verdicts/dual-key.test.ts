import {
  DescribeSecretCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../scenarios/scenario-harness.js";
import { createServices } from "../scenarios/scenario-operator.js";
import { ref, servicesScenario } from "./verdict-scenarios.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("verdicts: a dual-key app started before the cut-over (row 9)", () => {
  it("is current because it accepts AWSCURRENT, and the report says it accepts AWSPREVIOUS too and what that proves", async () => {
    harness = await startHarness({
      secrets: [{ Name: "prod/jwt", SecretString: "dual-old-signing-key-000000000000001" }],
      clusters: [{ clusterName: "prod" }],
    });
    const staged = await harness.secrets.send(
      new PutSecretValueCommand({
        SecretId: "prod/jwt",
        SecretString: "dual-new-signing-key-000000000000002",
        VersionStages: ["AWSPENDING"],
      }),
    );
    await createServices(
      harness.ecs,
      servicesScenario([
        {
          name: "orders",
          containers: [
            {
              name: "app",
              image: "sample/jwt-api:jose",
              port: 8080,
              secrets: [
                { name: "JWT_SECRET", valueFrom: ref("prod/jwt") },
                { name: "JWT_PREVIOUS_SECRET", valueFrom: ref("prod/jwt", "::AWSPENDING:") },
              ],
            },
          ],
        },
      ]),
    );
    await harness.fleet.waitForSteadyState("prod", "orders");
    await harness.settle();
    // EventBridge stamps whole seconds: the tasks must start in an earlier second than the move, so
    // wait (polling the clock, not a fixed sleep) for the next whole second after they are all running.
    const runningBy = Date.now();
    await harness.fleet.waitFor(
      () => Math.floor(Date.now() / 1000) > Math.floor(runningBy / 1000) || undefined,
      "the next whole second after the tasks started",
    );
    const before = harness.reports().length;
    const described = await harness.secrets.send(new DescribeSecretCommand({ SecretId: "prod/jwt" }));
    const oldVersion = Object.entries(described.VersionIdsToStages ?? {}).find(([, stages]) =>
      stages.includes("AWSCURRENT"),
    )?.[0];

    await harness.secrets.send(
      new UpdateSecretVersionStageCommand({
        SecretId: "prod/jwt",
        VersionStage: "AWSCURRENT",
        MoveToVersionId: staged.VersionId,
        RemoveFromVersionId: oldVersion,
      }),
    );
    await harness.settle();

    const runs = harness.reports().slice(before);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      const orders = run.services.find((entry) => entry.service === "orders");
      expect([orders?.verdict, orders?.action]).toEqual(["converged", "none"]);
      expect(orders?.tasks.length).toBeGreaterThan(0);
      for (const task of orders?.tasks ?? []) {
        expect(task.verdict).toBe("current");
        expect(task.probe).toMatchObject({
          status: "accepted",
          acceptsPrevious: true,
          control: { status: "accepted" },
          secret: { variable: "JWT_SECRET", chosenBy: "name" },
        });
        expect(task.reason).toContain("dual-key grace period");
        expect(task.reason).toContain("its primary key is likely still the previous one");
      }
    }
    expect(harness.forcedDeployments()).toEqual([]);
  });
});
