import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTelemetry, publishReport } from "../../../../lambda/adapters/telemetry/telemetry.js";
import { MetricName, MetricNamespace } from "../../../../lambda/core/report/metric-names.js";
import type { RunReport } from "../../../../lambda/core/report/report.js";
import { leakedToken, sampleRunReport } from "./sample-run-report.js";

interface Emf {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

let lines: string[] = [];
beforeEach(() => {
  lines = [];
  const capture = (chunk: unknown) => {
    lines.push(
      ...String(chunk)
        .split("\n")
        .filter((line) => line.trim() !== ""),
    );
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

function publishSample() {
  publishReport(sampleRunReport, createTelemetry());
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

const emfRecords = (records: Record<string, unknown>[]) =>
  records.filter((r) => "_aws" in r) as unknown as Emf[];

describe("publishReport logs", () => {
  it("writes one summary record with secret, version, fingerprint, cut-over, totals and service verdicts", () => {
    const summaries = publishSample().filter((record) => record.message === "rollout verification summary");
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      service: "rollout-verifier",
      secretArn: sampleRunReport.secretArn,
      versionId: sampleRunReport.versionId,
      keyFingerprint: "sha256:0123456789abcdef",
      cutover: "2025-06-01T03:14:20.000Z",
      totals: { tasks: 4, probeRejected: 1 },
    });
    const services = summaries[0]?.services as Record<string, unknown>[];
    expect(services.map((s) => [s.service, s.verdict, s.action, s.tasks])).toEqual([
      ["orders-api", "redeploy", "forced-deployment", 2],
      ["orders-worker", "wait", "none", 1],
      ["family:nightly", "blocked", "none", 1],
    ]);
  });

  it("writes one record per non-current task and none for current ones", () => {
    const tasks = publishSample().filter((record) => record.message === "task not current");
    expect(tasks.map((t) => [String(t.taskArn).slice(-1), t.verdict, t.level])).toEqual([
      ["A", "stale", "WARN"],
      ["C", "unreachable", "WARN"],
      ["D", "pinned", "WARN"],
    ]);
    expect(tasks[0]).toMatchObject({
      ecsService: "orders-api",
      address: "10.0.1.23:8080",
      probe: { status: "rejected", httpStatus: 401 },
    });
  });

  it("writes each security finding as an error record", () => {
    const findings = publishSample().filter((record) => record.message === "security finding");
    expect(findings).toEqual([
      expect.objectContaining({ level: "ERROR", kind: "accepts-alg-none", ecsService: "orders-api" }),
    ]);
  });

  it("never writes a token, even one leaked into a reason or probe detail", () => {
    publishSample();
    expect(lines.join("\n")).not.toContain(leakedToken);
    expect(lines.join("\n")).toContain("[token]");
  });
});

describe("publishReport metrics", () => {
  it("emits one EMF record per run with only the SecretName dimension and every metric", () => {
    const [run] = emfRecords(publishSample()).filter(
      (r) => r._aws.CloudWatchMetrics[0]?.Dimensions[0]?.length === 1,
    );
    const directive = run?._aws.CloudWatchMetrics[0];
    expect(directive?.Namespace).toBe(MetricNamespace);
    expect(directive?.Dimensions).toEqual([["SecretName"]]);
    // TimeToConvergeSeconds only when a run proves every task current; the sample has stale tasks.
    expect(directive?.Metrics.map((m) => m.Name).sort()).toEqual(
      Object.values(MetricName)
        .filter((name) => name !== MetricName.timeToConvergeSeconds)
        .sort(),
    );
    expect(run).toMatchObject({
      SecretName: "prod/orders/jwt-signing-key",
      TasksChecked: 4,
      TasksStale: 1,
      TasksPinned: 1,
      ProbeRejected: 1,
      ProbeUnreachable: 1,
      SecurityFindings: 1,
      ServicesRedeployed: 1,
      ServicesBlocked: 1,
      ServicesFailed: 0,
      VerificationSeconds: 2.5,
    });
  });

  it("emits one per-cluster EMF record keyed by cluster name", () => {
    const perCluster = emfRecords(publishSample()).filter((r) =>
      r._aws.CloudWatchMetrics[0]?.Dimensions[0]?.includes("Cluster"),
    );
    expect(perCluster.map((r) => r._aws.CloudWatchMetrics[0]?.Dimensions)).toEqual([
      [["SecretName", "Cluster"]],
      [["SecretName", "Cluster"]],
    ]);
    expect(perCluster.map((r) => [r.Cluster, r.TasksChecked, r.TasksStale, r.ServicesBlocked])).toEqual([
      ["orders-prod", 3, 1, 0],
      ["orders-batch", 1, 0, 1],
    ]);
  });

  it("adds up the per-cluster series to the run's own counts", () => {
    const records = emfRecords(publishSample());
    const run = records.find((r) => r._aws.CloudWatchMetrics[0]?.Dimensions[0]?.length === 1);
    const perCluster = records.filter((r) => r._aws.CloudWatchMetrics[0]?.Dimensions[0]?.includes("Cluster"));
    for (const metric of [
      "TasksChecked",
      "TasksStale",
      "ProbeRejected",
      "ProbeUnreachable",
      "ServicesBlocked",
    ]) {
      const sum = perCluster.reduce((total, r) => total + Number(r[metric]), 0);
      expect([metric, sum]).toEqual([metric, Number(run?.[metric])]);
    }
  });

  it("adds no Powertools `service` dimension that would orphan the alarms", () => {
    for (const record of emfRecords(publishSample())) {
      expect(record._aws.CloudWatchMetrics[0]?.Dimensions.flat()).not.toContain("service");
    }
  });
});

/** The sample with every task current, converged 2 minutes 30 seconds after the cut-over. */
function convergedReport(trigger: string): RunReport {
  const services = sampleRunReport.services.map((service) => ({
    ...service,
    tasks: service.tasks.map((task) => ({ ...task, verdict: "current" as const })),
  }));
  return {
    ...sampleRunReport,
    trigger: { ...sampleRunReport.trigger, kind: trigger },
    finishedAt: "2025-06-01T03:16:50.000Z",
    services,
    securityFindings: [],
    totals: {
      ...sampleRunReport.totals,
      byTaskVerdict: {
        current: 4,
        stale: 0,
        pinned: 0,
        pending: 0,
        unreachable: 0,
        unknown: 0,
        unaffected: 0,
        refreshing: 0,
      },
      securityFindings: 0,
    },
  };
}

function publishAndRead(report: RunReport): Emf[] {
  publishReport(report, createTelemetry());
  return emfRecords(lines.map((line) => JSON.parse(line) as Record<string, unknown>));
}

describe("publishReport time to converge and scope", () => {
  it("publishes the cut-over to the proving run as TimeToConvergeSeconds, apart from the run's own duration", () => {
    const [run] = publishAndRead(convergedReport("secret-label-updated")).filter(
      (r) => r._aws.CloudWatchMetrics[0]?.Dimensions[0]?.length === 1,
    );
    expect(run).toMatchObject({ TimeToConvergeSeconds: 150, VerificationSeconds: 2.5 });
  });

  it("publishes no time to converge from a sweep, which re-proves an old convergence every hour", () => {
    for (const record of publishAndRead(convergedReport("sweep")))
      expect(record).not.toHaveProperty("TimeToConvergeSeconds");
  });

  it("publishes a deployment event's run only as that service's series, never as the secret's totals", () => {
    const report = {
      ...convergedReport("deployment-state-change"),
      services: [convergedReport("x").services[0]],
    };
    const records = publishAndRead(report as RunReport);
    expect(records.map((r) => r._aws.CloudWatchMetrics[0]?.Dimensions)).toEqual([
      [["SecretName", "Cluster", "Service"]],
    ]);
    expect(records[0]).toMatchObject({ Service: "orders-api", TasksStale: 0 });
    // The rotation's convergence is secret-wide: one service's deployment never publishes it.
    expect(records[0]).not.toHaveProperty("TimeToConvergeSeconds");
  });

  it("publishes a follow-up that re-verified the whole secret as the secret's totals, so its zeros clear the stale line", () => {
    const report = {
      ...convergedReport("deployment-state-change"),
      trigger: { kind: "deployment-state-change", eventId: "e", eventTime: null, followUp: "whole secret" },
    };
    const records = publishAndRead(report as RunReport);
    const secretWide = records.filter((r) => r._aws.CloudWatchMetrics[0]?.Dimensions[0]?.length === 1);
    expect(secretWide).toHaveLength(1);
    expect(secretWide[0]).toMatchObject({ TasksStale: 0, ServicesFailed: 0, SecurityFindings: 0 });
  });

  it("lets a service-scoped run raise the alarm metrics but never clear them with a zero", () => {
    const scoped = {
      ...sampleRunReport,
      trigger: { ...sampleRunReport.trigger, kind: "deployment-state-change" },
    };
    const records = publishAndRead(scoped);
    const byService = new Map(records.map((r) => [r.Service, r]));
    expect(byService.get("orders-api")).toMatchObject({ SecurityFindings: 1 });
    expect(byService.get("orders-api")).not.toHaveProperty("ServicesFailed");
    expect(byService.get("orders-worker")).not.toHaveProperty("SecurityFindings");
  });
});
