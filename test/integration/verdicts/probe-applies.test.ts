import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import type { HandlerResult } from "../../../lambda/core/handle-event.js";
import type { RunReport, ServiceReport } from "../../../lambda/core/report/report.js";
import { type Harness, startHarness } from "../scenarios/scenario-harness.js";
import { createServices } from "../scenarios/scenario-operator.js";
import { ref, servicesScenario } from "./verdict-scenarios.js";

const config = (signingKey: string) =>
  JSON.stringify({ signingKey, password: "db-password-not-a-jwt-key-000001" });
const jwtKey = "the-other-secrets-jwt-key-0000000000000001";
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** A direct invocation, as an operator or the CLI makes it; resolves with its report. */
async function verifyNow(current: Harness, secretId: string): Promise<RunReport> {
  const record = await current.verifier.lambda.invoke({ secretId });
  if (!record.ok) throw new Error(`the direct invocation failed: ${JSON.stringify(record)}`);
  const [report] = (record.result as HandlerResult).reports;
  if (!report) throw new Error("the direct invocation returned no report");
  return report;
}

function service(report: RunReport, name: string): ServiceReport {
  const found = report.services.find((entry) => entry.service === name);
  if (!found) throw new Error(`no ${name} in the report`);
  return found;
}

describe("verdicts: the probe speaks only for the key the probed container verifies with", () => {
  it("judges a DB password, a log-router or registry secret, and a sidecar's whole document by what each container reads", async () => {
    harness = await startHarness({
      secrets: [
        { Name: "prod/app-config", SecretString: config("old-signing-key-0000000000000000001") },
        { Name: "prod/jwt", SecretString: jwtKey },
        { Name: "prod/audience-jwt", SecretString: "audience-signing-key-0000000000000001" },
      ],
      clusters: [{ clusterName: "prod" }],
    });
    // Rotated before any consumer starts: every task below holds AWSCURRENT, whatever a probe says.
    await harness.secrets.send(
      new PutSecretValueCommand({
        SecretId: "prod/app-config",
        SecretString: config("new-signing-key-0000000000000000002"),
      }),
    );
    await createServices(
      harness.ecs,
      servicesScenario([
        {
          // Row 1: the rotated secret is the DB password; the JWT key comes from another secret.
          name: "billing",
          containers: [
            {
              name: "app",
              image: "sample/jwt-api:jose",
              port: 8080,
              secrets: [
                { name: "DB_PASSWORD", valueFrom: ref("prod/app-config", ":password::") },
                { name: "JWT_SECRET", valueFrom: ref("prod/jwt") },
              ],
            },
          ],
        },
        {
          // Row 2: the rotated secret only feeds the log router.
          name: "logs",
          containers: [
            {
              name: "app",
              image: "sample/jwt-api:jose",
              port: 8080,
              secrets: [{ name: "JWT_SECRET", valueFrom: ref("prod/jwt") }],
              logSecret: ref("prod/app-config"),
            },
          ],
        },
        {
          // Row 2: the rotated secret only holds registry credentials.
          name: "registry",
          containers: [
            {
              name: "app",
              image: "sample/jwt-api:jose",
              port: 8080,
              secrets: [{ name: "JWT_SECRET", valueFrom: ref("prod/jwt") }],
              repositoryCredentials: ref("prod/app-config"),
            },
          ],
        },
        {
          // Row 3: the first container reads the whole document; the app reads its signingKey.
          name: "sidecar",
          containers: [
            {
              name: "config-agent",
              image: "sample/web:no-probe",
              secrets: [{ name: "CONFIG", valueFrom: ref("prod/app-config") }],
            },
            {
              name: "app",
              image: "sample/jwt-api:jose",
              port: 8080,
              secrets: [{ name: "JWT_SECRET", valueFrom: ref("prod/app-config", ":signingKey::") }],
            },
          ],
        },
        {
          // Row 4: the app checks aud; the service has no audience tag; the secret never rotated.
          name: "audience",
          containers: [
            {
              name: "app",
              image: "sample/jwt-api:jsonwebtoken-9",
              port: 8080,
              secrets: [{ name: "JWT_SECRET", valueFrom: ref("prod/audience-jwt") }],
              environment: { JWT_AUDIENCE: "orders" },
            },
          ],
        },
      ]),
    );
    for (const name of ["billing", "logs", "registry", "sidecar", "audience"])
      await harness.fleet.waitForSteadyState("prod", name);
    await harness.settle();

    const report = await verifyNow(harness, "prod/app-config");
    const billing = service(report, "billing");
    expect([billing.verdict, billing.action]).toEqual(["converged", "none"]);
    expect(billing.tasks.length).toBeGreaterThan(0);
    for (const task of billing.tasks) {
      expect(task.verdict).toBe("current");
      expect(task.probe.status).toBe("skipped");
      expect(task.reason).toContain("judged by timestamps only");
      expect(task.reason).toContain("verifies JWTs with JWT_SECRET, which reads another secret");
    }
    for (const name of ["logs", "registry"]) {
      const entry = service(report, name);
      expect([entry.verdict, entry.action]).toEqual(["converged", "none"]);
      expect(entry.tasks.length).toBeGreaterThan(0);
      for (const task of entry.tasks) {
        // A log router holds what it read at start; registry credentials are read at image pull only.
        expect([task.verdict, task.probe.status]).toEqual([
          name === "logs" ? "current" : "unaffected",
          "skipped",
        ]);
        if (name === "logs") expect(task.reason).toContain("logConfiguration.secretOptions of app");
        else {
          expect(task.reason).toContain("only as registry credentials (repositoryCredentials)");
          expect(task.probe.detail).toContain("repositoryCredentials of app (read at image pull only)");
        }
      }
    }
    const sidecar = service(report, "sidecar");
    expect([sidecar.verdict, sidecar.action]).toEqual(["converged", "none"]);
    expect(sidecar.tasks.length).toBeGreaterThan(0);
    for (const task of sidecar.tasks) {
      expect([task.verdict, task.probe.status]).toEqual(["current", "accepted"]);
      expect(task.probe.secret).toEqual({
        variable: "JWT_SECRET",
        container: "app",
        jsonKey: "signingKey",
        chosenBy: "only",
      });
      expect(task.probe.acceptsPrevious).toBe(false);
    }

    const never = await verifyNow(harness, "prod/audience-jwt");
    const audience = service(never, "audience");
    expect([audience.verdict, audience.action]).toEqual(["blocked", "none"]);
    expect(audience.reason).toContain("forces deployments only on stale evidence");
    expect(audience.tasks.length).toBeGreaterThan(0);
    for (const task of audience.tasks) {
      expect(task.verdict).toBe("unknown");
      expect(task.probe.status).toBe("rejected");
      expect(task.probe.appReason).toContain("jwt audience invalid");
      expect(task.reason).toContain("created after the cut-over");
      expect(task.reason).toContain("jwt audience invalid");
    }
    expect(never.totals.byTaskVerdict.unknown).toBe(2);
    expect(harness.forcedDeployments()).toEqual([]);
  });
});
