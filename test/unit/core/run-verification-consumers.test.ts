import { describe, expect, it } from "vitest";
import type { RunReport } from "../../../lambda/core/report/report.js";
import { runVerification } from "../../../lambda/core/run-verification.js";
import { aTask, aTaskDefinition, clusterArn, secretArn, taskDefinitionArn } from "./builders.js";
import { aRequest, scenarioHarness } from "./engine-harness.js";
import type { FakeEcsState } from "./fake-ports.js";
import { taskA, taskB, taskC } from "./fixture-scenario.js";

function cluster(state: FakeEcsState) {
  const found = state.clusters[clusterArn];
  if (!found) throw new Error("fixture changed");
  return found;
}

function replaceApiDefinition(state: FakeEcsState, valueFrom: string) {
  const index = state.taskDefinitions.findIndex((td) => td.arn === taskDefinitionArn("orders-api:42"));
  state.taskDefinitions[index] = aTaskDefinition({
    secretReferences: [{ container: "orders-api", source: "secrets", name: "JWT", valueFrom }],
  });
}

const standaloneTask = aTask({
  taskArn: "arn:aws:ecs:eu-west-1:123456789012:task/orders-prod/0000000000000000000000000000batch",
  taskDefinitionArn: taskDefinitionArn("orders-batch:3"),
  group: "family:orders-batch",
  startedBy: "operator",
});

function names(report: RunReport) {
  return report.services.map((s) => `${s.kind}:${s.service}`);
}

describe("runVerification consumer discovery", () => {
  it("blocks a service whose only reference pins AWSPREVIOUS and calls its tasks pinned", async () => {
    const harness = scenarioHarness({
      edit: (state) => replaceApiDefinition(state, `${secretArn}:signingKey:AWSPREVIOUS:`),
    });
    const report = await runVerification(aRequest(), harness.deps);
    const api = report.services.find((s) => s.service === "orders-api");
    expect(api?.tasks.map((t) => t.verdict)).toEqual(["pinned", "pinned"]);
    expect(api).toMatchObject({ verdict: "blocked", action: "none" });
    expect(harness.ecs.forced).toEqual([]);
  });

  it("recognises a partial ARN reference without the random suffix", async () => {
    const partial = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key";
    const harness = scenarioHarness({ edit: (state) => replaceApiDefinition(state, partial) });
    const report = await runVerification(aRequest(), harness.deps);
    expect(names(report)).toContain("service:orders-api");
  });

  it("leaves out services that do not reference the secret", async () => {
    const other = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/db-credentials-Qw3Rt7";
    const harness = scenarioHarness({ edit: (state) => replaceApiDefinition(state, other) });
    const report = await runVerification(aRequest(), harness.deps);
    expect(names(report)).toEqual(["service:orders-worker"]);
  });

  it("says how many running tasks sit on a revision that does not read the secret, without listing them", async () => {
    const harness = scenarioHarness({
      edit: (state) => {
        const index = state.taskDefinitions.findIndex(
          (td) => td.arn === taskDefinitionArn("orders-worker:16"),
        );
        const previous = state.taskDefinitions[index];
        if (!previous) throw new Error("fixture changed");
        state.taskDefinitions[index] = { ...previous, secretReferences: [] };
      },
    });
    const report = await runVerification(aRequest(), harness.deps);
    const worker = report.services.find((s) => s.service === "orders-worker");
    expect(worker?.tasks.map((t) => t.taskArn)).not.toContain(taskC);
    expect(worker?.reason).toContain(
      "1 running task(s) on a revision that does not read this secret are not listed",
    );
    expect(report.services.flatMap((s) => s.tasks.map((t) => t.taskArn))).toEqual(
      expect.arrayContaining([taskA, taskB]),
    );
  });

  it("reports standalone consumer tasks as blocked, never force-deployed", async () => {
    const harness = scenarioHarness({
      edit: (state) => {
        cluster(state).tasks.push(standaloneTask);
        state.taskDefinitions.push(
          aTaskDefinition({ arn: taskDefinitionArn("orders-batch:3"), family: "orders-batch", revision: 3 }),
        );
      },
    });
    const report = await runVerification(aRequest(), harness.deps);
    expect(report.services.find((s) => s.kind === "standalone")).toMatchObject({
      service: "family:orders-batch",
      serviceArn: null,
      verdict: "blocked",
      action: "none",
      tasks: [{ taskArn: standaloneTask.taskArn, verdict: "stale" }],
    });
    expect(harness.ecs.forced).toEqual([{ cluster: clusterArn, service: "orders-api" }]);
  });

  it("reports a standalone consumer task started with a group of its own under its family", async () => {
    const harness = scenarioHarness({
      edit: (state) => {
        cluster(state).tasks.push({ ...standaloneTask, group: "nightly-batch" });
        state.taskDefinitions.push(
          aTaskDefinition({ arn: taskDefinitionArn("orders-batch:3"), family: "orders-batch", revision: 3 }),
        );
      },
    });
    const report = await runVerification(aRequest(), harness.deps);
    expect(report.services.find((s) => s.kind === "standalone")).toMatchObject({
      service: "family:orders-batch",
      verdict: "blocked",
      tasks: [{ taskArn: standaloneTask.taskArn }],
    });
  });

  it("searches a cluster named twice once: each task reported once, each service forced once", async () => {
    const harness = scenarioHarness();
    const report = await runVerification(aRequest({ clusters: [clusterArn, clusterArn] }), harness.deps);
    const taskArns = report.services.flatMap((s) => s.tasks.map((t) => t.taskArn));
    expect(taskArns).toHaveLength(new Set(taskArns).size);
    expect(taskArns).toEqual(expect.arrayContaining([taskA, taskB, taskC]));
    expect(harness.ecs.forced).toEqual([{ cluster: clusterArn, service: "orders-api" }]);
  });

  it("ignores standalone tasks whose task definition does not reference the secret", async () => {
    const harness = scenarioHarness({
      edit: (state) => {
        cluster(state).tasks.push(standaloneTask);
        state.taskDefinitions.push(
          aTaskDefinition({ arn: taskDefinitionArn("orders-batch:3"), secretReferences: [] }),
        );
      },
    });
    const report = await runVerification(aRequest(), harness.deps);
    expect(names(report)).toEqual(["service:orders-api", "service:orders-worker"]);
  });

  it("re-verifies only the filtered service, listing only its tasks", async () => {
    const harness = scenarioHarness();
    const report = await runVerification(
      aRequest({ cutoverHint: null, serviceFilter: { cluster: clusterArn, serviceName: "orders-worker" } }),
      harness.deps,
    );
    expect(names(report)).toEqual(["service:orders-worker"]);
    expect(report.services[0]?.tasks.map((t) => t.taskArn)).toEqual([taskC]);
    expect(harness.ecs.calls).not.toContain("ListClusters");
    expect(harness.ecs.calls.filter((c) => c.startsWith("ListTasks"))).toEqual([
      `ListTasks ${clusterArn} {"serviceName":"orders-worker"}`,
    ]);
  });

  it("searches only the configured clusters, and every cluster when none is configured", async () => {
    const configured = scenarioHarness();
    await runVerification(aRequest({ clusters: [clusterArn] }), configured.deps);
    const everything = scenarioHarness();
    await runVerification(aRequest(), everything.deps);
    expect(configured.ecs.calls).not.toContain("ListClusters");
    expect(everything.ecs.calls).toContain("ListClusters");
  });

  it("without an event time, bounds the cut-over by CreatedDate and LastChangedDate", async () => {
    const report = await runVerification(aRequest({ cutoverHint: null }), scenarioHarness().deps);
    expect(report).toMatchObject({
      cutoverEarliest: "2025-06-01T03:14:07.412Z",
      cutover: "2025-06-01T03:14:21.118Z",
      cutoverSource: "api-bounds",
    });
    const verdicts = Object.fromEntries(
      report.services.flatMap((s) => s.tasks.map((t) => [t.taskArn, t.verdict])),
    );
    expect(verdicts).toEqual({ [taskA]: "stale", [taskB]: "current", [taskC]: "stale" });
  });

  it("fails with a typed error when the secret has no AWSCURRENT version", async () => {
    const harness = scenarioHarness();
    const secrets = harness.deps.secrets;
    const deps = {
      ...harness.deps,
      secrets: {
        ...secrets,
        describeSecret: async (id: string) => ({
          ...(await secrets.describeSecret(id)),
          versionIdsToStages: {},
        }),
      },
    };
    await expect(runVerification(aRequest(), deps)).rejects.toMatchObject({ code: "SECRET_NO_AWSCURRENT" });
  });
});
