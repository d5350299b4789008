import { describe, expect, it } from "vitest";
import type { RunReport } from "../../../lambda/core/report/report.js";
import { runVerification } from "../../../lambda/core/run-verification.js";
import { clusterArn } from "./builders.js";
import { aRequest, scenarioHarness } from "./engine-harness.js";
import { taskA, taskB, taskC } from "./fixture-scenario.js";

function taskVerdicts(report: RunReport): Record<string, string> {
  return Object.fromEntries(report.services.flatMap((s) => s.tasks.map((t) => [t.taskArn, t.verdict])));
}

function service(report: RunReport, name: string) {
  const found = report.services.find((s) => s.service === name);
  if (!found) throw new Error(`no service ${name} in the report`);
  return found;
}

describe("runVerification on the fixture scenario", () => {
  it("finds task A stale, task B current and task C stale", async () => {
    const report = await runVerification(aRequest(), scenarioHarness().deps);
    expect(taskVerdicts(report)).toEqual({ [taskA]: "stale", [taskB]: "current", [taskC]: "stale" });
  });

  it("force-redeploys orders-api and waits on orders-worker's post-cut-over deployment", async () => {
    const harness = scenarioHarness();
    const report = await runVerification(aRequest(), harness.deps);
    expect(service(report, "orders-api")).toMatchObject({
      verdict: "redeploy",
      action: "forced-deployment",
      deploymentId: "ecs-svc/forced-1",
    });
    expect(service(report, "orders-worker")).toMatchObject({
      verdict: "wait",
      action: "none",
      deploymentId: "ecs-svc/5118427730915623044",
    });
    expect(harness.ecs.forced).toEqual([{ cluster: clusterArn, service: "orders-api" }]);
  });

  it("states the secret, versions, fingerprint, the second of the cut-over and trigger", async () => {
    const report = await runVerification(aRequest(), scenarioHarness().deps);
    expect(report).toMatchObject({
      reportVersion: 1,
      runId: "run-1",
      secretName: "prod/orders/jwt-signing-key",
      versionId: "c0b1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e",
      previousVersionId: "7d6c5b4a-3e2f-4a1b-9c0d-e1f2a3b4c5d6",
      cutover: "2025-06-01T03:14:20.999Z",
      cutoverEarliest: "2025-06-01T03:14:20.000Z",
      cutoverSource: "event",
      trigger: { kind: "secret-label-updated" },
      dryRun: false,
      startedAt: "2025-06-01T03:15:15.000Z",
    });
    expect(report.keyFingerprint).toMatch(/^sha256:[0-9a-f]{16}$/);
  });

  it("lists every task exactly once and totals agree with the rows", async () => {
    const report = await runVerification(aRequest(), scenarioHarness().deps);
    const arns = report.services.flatMap((s) => s.tasks.map((t) => t.taskArn));
    expect(new Set(arns).size).toBe(arns.length);
    expect(report.totals).toMatchObject({
      services: 2,
      tasks: 3,
      byTaskVerdict: { current: 1, stale: 2, pinned: 0, pending: 0, unreachable: 0, unknown: 0 },
      byServiceVerdict: { converged: 0, redeploy: 1, wait: 1, blocked: 0, failed: 0 },
      servicesRedeployed: 1,
      securityFindings: 0,
    });
  });

  it("reports task rows with revision, times and the ECS-reported address", async () => {
    const report = await runVerification(aRequest(), scenarioHarness().deps);
    expect(service(report, "orders-api").tasks[0]).toMatchObject({
      taskArn: taskA,
      taskDefinition: "orders-api:42",
      lastStatus: "RUNNING",
      address: "10.0.1.23:8080",
      probe: { status: "skipped", detail: "no probe path configured" },
    });
  });

  it("changes nothing in dry-run and says so", async () => {
    const harness = scenarioHarness();
    const report = await runVerification(aRequest({ dryRun: true }), harness.deps);
    expect(service(report, "orders-api")).toMatchObject({ verdict: "redeploy", action: "dry-run" });
    expect(harness.ecs.forced).toEqual([]);
  });

  it("stops forcing at the per-run cap", async () => {
    const harness = scenarioHarness();
    const report = await runVerification(aRequest({ maxRedeploysPerRun: 0 }), harness.deps);
    expect(service(report, "orders-api")).toMatchObject({ verdict: "redeploy", action: "capped" });
    expect(harness.ecs.forced).toEqual([]);
  });

  it("counts the deployments already in flight against the cap: orders-worker's rolling one fills a cap of 1", async () => {
    const harness = scenarioHarness();
    const report = await runVerification(aRequest({ maxRedeploysPerRun: 1 }), harness.deps);
    expect(service(report, "orders-worker")).toMatchObject({
      verdict: "wait",
      deploymentId: expect.any(String),
    });
    expect(service(report, "orders-api")).toMatchObject({ verdict: "redeploy", action: "capped" });
    expect(harness.ecs.forced).toEqual([]);
    const roomy = scenarioHarness();
    const forced = await runVerification(aRequest({ maxRedeploysPerRun: 2 }), roomy.deps);
    expect(service(forced, "orders-api")).toMatchObject({ verdict: "redeploy", action: "forced-deployment" });
  });

  it("is idempotent: a duplicate event after the forced deployment waits instead of forcing again", async () => {
    const harness = scenarioHarness({
      edit: (state) => {
        const api = state.clusters[clusterArn]?.services[0];
        if (!api) throw new Error("fixture changed");
        const forced = {
          ...api.deployments[0],
          id: "ecs-svc/7250134588163391826",
          createdAt: new Date("2025-06-01T03:15:20Z"),
        };
        (state.clusters[clusterArn] as { services: unknown[] }).services[0] = {
          ...api,
          deployments: [
            { ...forced, rolloutState: "IN_PROGRESS" },
            { ...api.deployments[0], status: "ACTIVE" },
          ],
        };
      },
    });
    const report = await runVerification(aRequest(), harness.deps);
    expect(service(report, "orders-api")).toMatchObject({
      verdict: "wait",
      deploymentId: "ecs-svc/7250134588163391826",
    });
    expect(harness.ecs.forced).toEqual([]);
  });

  it("reports a failed UpdateService as a failed service and still reports the others", async () => {
    const report = await runVerification(aRequest(), scenarioHarness({ failForce: true }).deps);
    expect(service(report, "orders-api")).toMatchObject({ verdict: "failed", action: "none" });
    expect(service(report, "orders-api").reason).toContain("AccessDeniedException");
    expect(service(report, "orders-worker").verdict).toBe("wait");
  });

  it("describes each distinct task definition once", async () => {
    const harness = scenarioHarness();
    await runVerification(aRequest(), harness.deps);
    const described = harness.ecs.calls.filter((call) => call.startsWith("DescribeTaskDefinition"));
    expect(described.sort()).toEqual([...new Set(described)].sort());
    expect(described).toHaveLength(3);
  });

  it("lists and describes the cluster's tasks once, not per service", async () => {
    const harness = scenarioHarness();
    await runVerification(aRequest(), harness.deps);
    expect(harness.ecs.calls.filter((call) => call.startsWith("ListTasks"))).toEqual([
      `ListTasks ${clusterArn} {}`,
    ]);
    expect(harness.ecs.calls.filter((call) => call.startsWith("DescribeTasks"))).toEqual([
      `DescribeTasks ${clusterArn} 3`,
    ]);
  });
});
