import { afterEach, describe, expect, it } from "vitest";
import { reportFromLogRecords } from "../../../lambda/adapters/telemetry/report-service-records.js";
import type { Harness } from "../scenarios/scenario-harness.js";
import { expectNoLeak, expectNoUnintendedDeployments, faultFleet, rotateUnder } from "./fault-run.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("faults in Secrets Manager during a rotation run", () => {
  it("5xx on every GetSecretValue: every attempt reports every running consumer task by its timestamps, with a gap, then fails so Lambda retries", async () => {
    harness = await faultFleet(5, 10);
    const attemptsBefore = harness.verifier.lambda.invocations.length;
    const outcome = await rotateUnder(
      harness,
      { "secretsmanager.GetSecretValue": { serverErrorRate: 1 } },
      60_000,
      "settled",
    );
    expect(outcome.runningBefore).toHaveLength(50);
    const attempts = harness.verifier.lambda.invocations
      .slice(attemptsBefore)
      .filter((record) => (record.event as { source?: unknown }).source === "aws.secretsmanager");
    expect(attempts.length).toBeGreaterThan(1);
    expect(attempts.every((record) => !record.ok && record.errorType === "AwsCallError")).toBe(true);

    // Each failed attempt logged its whole report first: every task running at the rotation is in it.
    const logged = reportFromLogRecords(
      harness
        .log()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    ).filter((report) => report.gaps.some((gap) => gap.operation === "GetSecretValue"));
    // The rotation's attempts, and the runs the forced deployments' events start (they fail alike).
    const rotationRuns = logged.filter((report) => report.trigger.kind !== "deployment-state-change");
    expect(rotationRuns.length).toBe(attempts.length);
    const [first] = rotationRuns;
    const reported = new Set(first?.services.flatMap((service) => service.tasks.map((task) => task.taskArn)));
    expect(outcome.runningBefore.filter((arn) => !reported.has(arn))).toEqual([]);
    for (const report of logged) {
      expect(report.gaps).toContainEqual(
        expect.objectContaining({
          scope: "secret",
          operation: "GetSecretValue",
          errorCode: "InternalServiceError",
        }),
      );
      expect(report.securityFindings).toEqual([]);
      expect(report.services.flatMap((service) => service.tasks).length).toBeGreaterThan(0);
      for (const task of report.services.flatMap((service) => service.tasks)) {
        expect(task.probe.status).toBe("skipped");
        expect(task.probe.detail).toContain("the secret's AWSCURRENT value could not be read");
        expect(task.evidence).not.toBe("probe");
      }
      // A forced deployment rests on tasks stale by their start time, never on a probe.
      for (const service of report.services.filter((entry) => entry.action === "forced-deployment"))
        expect(service.tasks.some((task) => task.verdict === "stale" && task.evidence === "timestamps")).toBe(
          true,
        );
    }
    expectNoUnintendedDeployments(harness, outcome);
    expectNoLeak(harness);
  });
});
