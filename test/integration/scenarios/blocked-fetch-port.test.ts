import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigEnv } from "../../../lambda/config-names.js";
import { countTaskRequests } from "./count-task-requests.js";
import { jwtScenario } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";

const oldKey = "blocked-port-old-signing-key-000000001";
const newKey = "blocked-port-new-signing-key-000000002";
/** On the Fetch standard's list of blocked ports: `fetch` refuses it before connecting. */
const blockedPort = 10080;
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("a task listening on a port that fetch refuses", () => {
  it("is probed on port 10080: the signed probe, alg none and the wrong key all reach it", async () => {
    harness = await startHarness(
      jwtScenario(
        [{ name: "prod/jwt", value: oldKey }],
        [{ name: "orders", image: "sample/jwt-api:jose", containerPort: blockedPort }],
      ),
      {
        config: { [ConfigEnv.dryRun]: "true" },
      },
    );
    const { fleet } = harness;
    const tasks = fleet.runningTasks("prod", "orders");
    expect(tasks.map((task) => task.port)).toEqual([blockedPort, blockedPort]);
    const requests = await Promise.all(
      tasks.map((task) =>
        countTaskRequests(fleet, task.taskArn, "sample/jwt-api:jose", { JWT_SECRET: oldKey }),
      ),
    );
    const setupRuns = harness.reports().length;

    await harness.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: newKey }));
    await harness.settle();

    // The rotation's events may each run a verification: every run probes every task four times (AWSCURRENT, the AWSPREVIOUS control token, alg none, a wrong key).
    const runs = harness.reports().slice(setupRuns);
    expect(runs.length).toBeGreaterThan(0);
    for (const report of runs) {
      const probes = report.services[0]?.tasks.map((task) => [
        task.verdict,
        task.probe.status,
        task.probe.url,
      ]);
      expect(probes).toEqual(tasks.map((task) => ["stale", "rejected", `${task.url}/api/orders`]));
      expect(report.securityFindings).toEqual([]);
    }
    const perTask = Array.from({ length: 4 * runs.length }, () => "/api/orders");
    expect(requests).toEqual([perTask, perTask]);
  });
});
