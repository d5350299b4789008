import { describe, expect, it } from "vitest";
import type { RunReport } from "../../../lambda/core/report/report.js";
import { runVerification } from "../../../lambda/core/run-verification.js";
import { AwsCallError } from "../../../lambda/errors.js";
import { aTask, clusterArn, taskDefinitionArn } from "./builders.js";
import { aRequest, scenarioHarness } from "./engine-harness.js";

const failure = (operation: string, code: string) =>
  new AwsCallError(operation, "resource", Object.assign(new Error(`${code} message`), { name: code }));

function reportedTaskArns(report: RunReport): string[] {
  return [
    ...report.services.flatMap((service) => service.tasks.map((task) => task.taskArn)),
    ...report.gaps.flatMap((gap) => gap.taskArns),
  ];
}

describe("runVerification under failed calls", () => {
  it("skips a cluster that no longer exists, reports it as a gap and verifies the others", async () => {
    const harness = scenarioHarness();
    const listServices = harness.ecs.listServices.bind(harness.ecs);
    harness.ecs.listServices = async (cluster) => {
      if (cluster === "deleted") throw failure("ListServices", "ClusterNotFoundException");
      return listServices(cluster);
    };
    const report = await runVerification(aRequest({ clusters: ["deleted", clusterArn] }), harness.deps);
    expect(report.gaps).toMatchObject([
      {
        scope: "cluster",
        cluster: "deleted",
        operation: "ListServices",
        errorCode: "ClusterNotFoundException",
      },
    ]);
    expect(report.totals.gaps).toBe(1);
    expect(report.services.length).toBeGreaterThan(0);
  });

  it("lists the tasks of a failed DescribeTasks under their service as unknown and forces nothing on them", async () => {
    const harness = scenarioHarness();
    const everyTask = await harness.ecs.listTasks(clusterArn, {});
    harness.ecs.describeTasks = async () => {
      throw failure("DescribeTasks", "ServerException");
    };
    const report = await runVerification(aRequest(), harness.deps);
    expect(reportedTaskArns(report).sort()).toEqual([...everyTask].sort());
    const tasks = report.services.flatMap((service) => service.tasks);
    expect(tasks.every((task) => task.verdict === "unknown")).toBe(true);
    expect(harness.ecs.forced).toEqual([]);
    expect(report.services.every((service) => service.verdict !== "converged")).toBe(true);
    expect(report.gaps[0]).toMatchObject({
      scope: "tasks",
      operation: "DescribeTasks",
      errorCode: "ServerException",
    });
  });

  it("reports a service that cannot be listed as not converged, with no tasks and no deployment", async () => {
    const harness = scenarioHarness();
    harness.ecs.listTasks = async () => {
      throw failure("ListTasks", "ThrottlingException");
    };
    const report = await runVerification(aRequest(), harness.deps);
    expect(report.services.map((service) => service.verdict)).not.toContain("converged");
    expect(harness.ecs.forced).toEqual([]);
    expect(report.gaps).toMatchObject([{ scope: "tasks", errorCode: "ThrottlingException" }]);
    const hidden = report.services.filter((service) => service.kind === "service");
    for (const service of hidden) expect(report.gaps[0]?.detail).toContain(service.service);
    expect(report.gaps[0]?.detail).toMatch(/\d+ running task\(s\) of \d+ consumer service\(s\) are hidden/);
  });

  it("reports a RunTask'd task whose group names a service the verifier does not see as standalone", async () => {
    const ghost = aTask({
      taskArn: "arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/00000000000000000000000000000ghost",
      taskDefinitionArn: taskDefinitionArn("orders-api:42"),
      group: "service:ghost",
      startedBy: "operator",
    });
    const harness = scenarioHarness({ edit: (state) => state.clusters[clusterArn]?.tasks.push(ghost) });
    const report = await runVerification(aRequest(), harness.deps);
    const standalone = report.services.find((service) =>
      service.tasks.some((task) => task.taskArn === ghost.taskArn),
    );
    expect(standalone).toMatchObject({ kind: "standalone", service: "family:orders-api" });
  });

  it("leaves the tasks of a service whose task definition cannot be read in a gap", async () => {
    const harness = scenarioHarness();
    const describe = harness.ecs.describeTaskDefinition.bind(harness.ecs);
    harness.ecs.describeTaskDefinition = async (arn) => {
      if (arn === taskDefinitionArn("orders-api:42"))
        throw failure("DescribeTaskDefinition", "ServerException");
      return describe(arn);
    };
    const everyTask = await harness.ecs.listTasks(clusterArn, {});
    const report = await runVerification(aRequest(), harness.deps);
    const gap = report.gaps.find(
      (entry) => entry.operation === "DescribeTaskDefinition" && entry.scope === "service",
    );
    expect(gap?.taskArns.length).toBeGreaterThan(0);
    expect(harness.ecs.forced.map((entry) => entry.service)).not.toContain("orders-api");
    expect(reportedTaskArns(report).length).toBeGreaterThanOrEqual(everyTask.length - 1);
  });

  it("stops probing at the deadline and reports the probes it did not send", async () => {
    const harness = scenarioHarness({ answer: () => ({ status: "accepted", httpStatus: 200 }) });
    const probe = { path: "/auth", timeoutMs: 2000, concurrency: 4, securityProbes: true };
    const report = await runVerification(aRequest({ probe }), {
      ...harness.deps,
      deadline: new Date("2025-06-01T03:15:15Z"),
    });
    expect(harness.probe.requests).toEqual([]);
    expect(report.gaps.some((gap) => gap.scope === "probes" && gap.errorCode === "RunDeadlineReached")).toBe(
      true,
    );
  });
});
