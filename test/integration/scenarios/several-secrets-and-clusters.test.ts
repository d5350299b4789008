import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { acceptedKeys } from "../fleet/fleet-test-helpers.js";
import { countTaskRequests } from "./count-task-requests.js";
import { jwtScenario } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";
import { serviceRecord } from "./scenario-operator.js";

const authOld = "several-auth-old-signing-key-0000000001";
const authNew = "several-auth-new-signing-key-0000000002";
const billingKey = "several-billing-signing-key-00000000003";
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** Consumers of the rotated secret (`auth/jwt`) and of the other one (`billing/jwt`), over two clusters. */
const consumers = [
  { cluster: "prod", name: "orders", secretName: "auth/jwt" },
  { cluster: "batch", name: "search", secretName: "auth/jwt" },
  { cluster: "prod", name: "ledger", secretName: "billing/jwt" },
  { cluster: "batch", name: "invoices", secretName: "billing/jwt" },
] as const;

describe("scenario 11: several secrets and clusters", () => {
  it("redeploys and probes only the rotated secret's consumers, in every cluster", async () => {
    harness = await startHarness(
      jwtScenario(
        [
          { name: "auth/jwt", value: authOld },
          { name: "billing/jwt", value: billingKey },
        ],
        consumers.map((consumer) => ({ ...consumer, image: "sample/jwt-api:jose" })),
      ),
    );
    const { fleet } = harness;
    const setupRuns = harness.reports().length;
    const bystanders = consumers.filter((consumer) => consumer.secretName === "billing/jwt");
    const bystanderTasks = new Set(
      bystanders.flatMap((consumer) =>
        fleet.runningTasks(consumer.cluster, consumer.name).map((t) => t.taskArn),
      ),
    );
    expect(bystanderTasks.size).toBe(4);
    const bystanderRequests = await Promise.all(
      [...bystanderTasks].map((arn) =>
        countTaskRequests(fleet, arn, "sample/jwt-api:jose", { JWT_SECRET: billingKey }),
      ),
    );
    const consumerTask = fleet.runningTasks("prod", "orders")[0]?.taskArn ?? "";
    const consumerRequests = await countTaskRequests(fleet, consumerTask, "sample/jwt-api:jose", {
      JWT_SECRET: authOld,
    });

    await harness.secrets.send(new PutSecretValueCommand({ SecretId: "auth/jwt", SecretString: authNew }));
    await harness.settle();
    // Before this test's own probes below: the verifier never sent a request to a bystander task,
    // while the same counter saw its probes of the rotated secret's consumers.
    for (const requests of bystanderRequests) expect(requests).toEqual([]);
    expect(consumerRequests).toContain("/api/orders");

    const runs = harness.reports().slice(setupRuns);
    expect(runs.length).toBeGreaterThan(0);
    expect(new Set(runs.map((report) => report.secretName))).toEqual(new Set(["auth/jwt"]));
    const reported = new Set(runs.flatMap((report) => report.services.map((service) => service.service)));
    expect(reported).toEqual(new Set(["orders", "search"]));

    for (const consumer of consumers.filter((c) => c.secretName === "auth/jwt")) {
      expect(harness.forcedDeployments(consumer.name)).toHaveLength(1);
      expect(harness.latestServiceReport(consumer.name)?.verdict).toBe("converged");
      const addresses = fleet.runningTasks(consumer.cluster, consumer.name).map((task) => task.address);
      expect(await acceptedKeys(addresses, authOld, authNew)).toEqual(["new", "new"]);
    }
    for (const consumer of bystanders) {
      expect(harness.forcedDeployments(consumer.name)).toHaveLength(0);
      expect(serviceRecord(fleet, consumer.cluster, consumer.name).history).toHaveLength(1);
      const tasks = fleet.runningTasks(consumer.cluster, consumer.name);
      expect(tasks.every((task) => bystanderTasks.has(task.taskArn))).toBe(true);
      expect(
        await acceptedKeys(
          tasks.map((task) => task.address),
          billingKey,
          authNew,
        ),
      ).toEqual(["old", "old"]);
    }
  });
});
