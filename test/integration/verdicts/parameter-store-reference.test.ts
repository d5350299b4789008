import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { acceptedKeys } from "../fleet/fleet-test-helpers.js";
import { type Harness, startHarness } from "../scenarios/scenario-harness.js";
import { servicesScenario } from "./verdict-scenarios.js";

const oldKey = "param-old-signing-key-0000000000001";
const newKey = "param-new-signing-key-0000000000002";
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("verdicts: Parameter Store references to the secret are consumers (row 8)", () => {
  it("verifies and fixes services reading the secret through /aws/reference/secretsmanager, name and ARN forms", async () => {
    const reference = "/aws/reference/secretsmanager/prod/jwt";
    harness = await startHarness({
      secrets: [{ Name: "prod/jwt", SecretString: oldKey }],
      clusters: [{ clusterName: "prod" }],
      ...servicesScenario(
        [
          ["by-name", reference],
          ["by-arn", `arn:aws:ssm:eu-west-1:123456789012:parameter${reference}`],
        ].map(([name, valueFrom]) => ({
          name: String(name),
          containers: [
            {
              name: "app",
              image: "sample/jwt-api:jose",
              port: 8080,
              secrets: [{ name: "JWT_SECRET", valueFrom: String(valueFrom) }],
            },
          ],
        })),
      ),
    });
    const setupRuns = harness.reports().length;
    await harness.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: newKey }));
    await harness.settle();

    const runs = harness.reports().slice(setupRuns);
    expect(runs.length).toBeGreaterThan(0);
    for (const service of ["by-name", "by-arn"]) {
      expect(harness.forcedDeployments(service)).toHaveLength(1);
      const latest = harness.latestServiceReport(service);
      expect(latest?.verdict).toBe("converged");
      const addresses = harness.fleet.runningTasks("prod", service).map((task) => task.address);
      expect(await acceptedKeys(addresses, oldKey, newKey)).toEqual(["new", "new"]);
    }
  });
});
