import { describe, expect, it } from "vitest";
import type { RunReport } from "../../../../lambda/core/report/report.js";
import { runVerification } from "../../../../lambda/core/run-verification.js";
import { AwsCallError } from "../../../../lambda/errors.js";
import { clusterArn } from "../builders.js";
import { aRequest, scenarioHarness } from "../engine-harness.js";

const serverError = () =>
  new AwsCallError(
    "GetSecretValue",
    "prod/orders/jwt-signing-key",
    Object.assign(new Error("We encountered an internal error."), { name: "InternalServiceError" }),
  );

describe("runVerification when the secret's value cannot be read", () => {
  it("reports every consumer task by its timestamps, names the failure in a gap, publishes, then throws", async () => {
    const harness = scenarioHarness();
    const everyTask = await harness.ecs.listTasks(clusterArn, {});
    harness.deps.secrets.getSecretValue = async () => {
      throw serverError();
    };
    const published: RunReport[] = [];
    const error = await runVerification(aRequest(), {
      ...harness.deps,
      publish: (r) => published.push(r),
    }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AwsCallError);
    expect(published).toHaveLength(1);
    const report = published[0] as RunReport;
    const tasks = report.services.flatMap((service) => service.tasks);
    expect(tasks.map((task) => task.taskArn).sort()).toEqual([...everyTask].sort());
    for (const task of tasks) {
      expect(task.probe.status).toBe("skipped");
      expect(task.probe.detail).toContain("GetSecretValue failed: InternalServiceError");
      expect(["timestamps", "none", "version-id", "task-status", "task-definition"]).toContain(task.evidence);
    }
    expect(report.gaps).toContainEqual(
      expect.objectContaining({
        scope: "secret",
        operation: "GetSecretValue",
        errorCode: "InternalServiceError",
      }),
    );
    expect(report.securityFindings).toEqual([]);
    expect(harness.probe.requests).toEqual([]);
    expect(report.keyFingerprint).toBe("unknown");
    // Only tasks proven stale by their timestamps may be forced: none rests on a probe.
    const forcedServices = report.services.filter((service) => service.action === "forced-deployment");
    for (const service of forcedServices)
      expect(service.tasks.some((task) => task.verdict === "stale" && task.evidence === "timestamps")).toBe(
        true,
      );
    expect(JSON.stringify(report)).not.toContain("fixture-hs256-key");
  });
});
