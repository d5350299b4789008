import { DescribeSecretCommand, PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import type { HandlerResult } from "../../../lambda/core/handle-event.js";
import { clustersNotFound } from "../../../lambda/core/report/clusters-not-found.js";
import type { RunReport, ServiceReport } from "../../../lambda/core/report/report.js";
import { type Harness, startHarness } from "../scenarios/scenario-harness.js";
import { createServices, leaveTaskStartSecond } from "../scenarios/scenario-operator.js";
import { ref, servicesScenario } from "./verdict-scenarios.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** A direct invocation, as an operator or the CLI makes it; resolves with its report. */
async function verifyNow(current: Harness, event: Record<string, unknown>): Promise<RunReport> {
  const record = await current.verifier.lambda.invoke(event);
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

describe("verdicts: no verdict claims more than its evidence (issue 23)", () => {
  it("never calls a task that accepts any token current by its probe, nor its service converged, and says why", async () => {
    harness = await startHarness({
      secrets: [{ Name: "prod/jwt", SecretString: "risky-old-signing-key-0000000000001" }],
      clusters: [{ clusterName: "prod" }],
    });
    await harness.secrets.send(
      new PutSecretValueCommand({
        SecretId: "prod/jwt",
        SecretString: "risky-new-signing-key-0000000000002",
      }),
    );
    await createServices(
      harness.ecs,
      servicesScenario([
        {
          name: "risky",
          containers: [
            {
              name: "app",
              image: "sample/jwt-api:no-verify",
              port: 8080,
              secrets: [{ name: "JWT_SECRET", valueFrom: ref("prod/jwt") }],
            },
          ],
        },
      ]),
    );
    await harness.fleet.waitForSteadyState("prod", "risky");
    await harness.settle();

    const report = await verifyNow(harness, { secretId: "prod/jwt" });
    const risky = service(report, "risky");
    expect(risky.verdict).toBe("blocked");
    expect(risky.reason).toContain("accept any token");
    expect(risky.reason).not.toContain("Every task holds AWSCURRENT");
    expect(risky.tasks.length).toBe(2);
    for (const task of risky.tasks) {
      // Created after the cut-over: ECS gave it AWSCURRENT, which is all that can be said of its key.
      expect([task.verdict, task.evidence]).toEqual(["current", "accepts-any-token"]);
      expect(task.probe.acceptedForged).toEqual(["accepts-alg-none", "accepts-wrong-key"]);
      expect(task.reason).toContain("prove nothing about which key it holds");
      expect(task.reason).toContain("created after the cut-over");
      expect(task.reason).not.toContain("grace period");
    }
    expect(report.securityFindings).toHaveLength(4);
    expect(report.totals.byServiceVerdict.converged).toBe(0);
    expect(report.totals.byServiceVerdict.blocked).toBe(1);
    expect(harness.forcedDeployments()).toEqual([]);
  });

  it("never forces a service over registry credentials, given by full ARN or by name, and says why", async () => {
    harness = await startHarness({
      secrets: [
        { Name: "prod/registry", SecretString: '{"username":"ci","password":"registry-old-0001"}' },
        { Name: "prod/jwt", SecretString: "registry-suite-jwt-key-00000000001" },
      ],
      clusters: [{ clusterName: "prod" }],
    });
    const { ARN: fullArn } = await harness.secrets.send(
      new DescribeSecretCommand({ SecretId: "prod/registry" }),
    );
    const app = (credentials: string) => [
      {
        name: "app",
        image: "sample/jwt-api:jose",
        port: 8080,
        secrets: [{ name: "JWT_SECRET", valueFrom: ref("prod/jwt") }],
        repositoryCredentials: credentials,
      },
    ];
    await createServices(
      harness.ecs,
      servicesScenario([
        { name: "registry-arn", containers: app(String(fullArn)) },
        { name: "registry-name", containers: app("prod/registry") },
      ]),
    );
    for (const name of ["registry-arn", "registry-name"])
      await harness.fleet.waitForSteadyState("prod", name);
    await harness.settle();
    for (const name of ["registry-arn", "registry-name"]) await leaveTaskStartSecond(harness.fleet, name);
    const before = harness.reports().length;

    await harness.secrets.send(
      new PutSecretValueCommand({
        SecretId: "prod/registry",
        SecretString: '{"username":"ci","password":"registry-new-0002"}',
      }),
    );
    await harness.settle();
    const direct = await verifyNow(harness, { secretId: "prod/registry", clusters: ["prod"] });

    const runs = [...harness.reports().slice(before), direct].filter(
      (run) => run.secretName === "prod/registry",
    );
    expect(runs.length).toBeGreaterThan(1);
    for (const run of runs)
      for (const name of ["registry-arn", "registry-name"]) {
        const entry = service(run, name);
        expect([entry.verdict, entry.action]).toEqual(["converged", "none"]);
        expect(entry.reason).toContain("only as registry credentials");
        expect(entry.tasks.length).toBe(2);
        for (const task of entry.tasks) {
          expect([task.verdict, task.evidence]).toEqual(["unaffected", "task-definition"]);
          expect(task.reason).toContain("pull the image");
        }
      }
    expect(direct.totals.byTaskVerdict.stale).toBe(0);
    expect(harness.forcedDeployments()).toEqual([]);
  });

  it("refuses malformed or foreign clusters before any AWS call, and names a missing one as not found", async () => {
    harness = await startHarness({
      secrets: [{ Name: "prod/jwt", SecretString: "direct-suite-jwt-key-000000000001" }],
      clusters: [{ clusterName: "prod" }],
    });
    const since = Date.now();
    for (const clusters of [
      ["c".repeat(10_000)],
      ["arn:aws:ecs:ap-south-2:123456789012:cluster/prod"],
      // Another account: the function knows its own from the invoked ARN.
      ["arn:aws:ecs:eu-west-1:210987654321:cluster/prod"],
    ]) {
      const record = await harness.verifier.lambda.invoke({ secretId: "prod/jwt", clusters });
      expect(record.ok).toBe(false);
      expect(record.errorType).toBe("EventMalformedError");
      expect(record.errorMessage).toContain("field clusters[0]");
      expect((record.errorMessage ?? "").length).toBeLessThan(500);
    }
    expect(harness.fleet.callLog.entries().filter((entry) => entry.at >= since)).toEqual([]);

    const event = { secretId: "prod/jwt", clusters: ["prod", "no-such-cluster"] };
    const report = await verifyNow(harness, event);
    expect(clustersNotFound(report)).toEqual(["no-such-cluster"]);
    const outcome = (await harness.verifier.lambda.invoke(event)).result as HandlerResult;
    expect(outcome).toMatchObject({ outcome: "clusters-not-found", clusters: ["no-such-cluster"] });
    expect(report.gaps[0]?.detail).toContain("cluster no-such-cluster was not found");
  });
});
