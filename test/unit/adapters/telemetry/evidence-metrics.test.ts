import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { countsByEvidence } from "../../../../lambda/adapters/telemetry/report-metrics.js";
import { createTelemetry, publishReport } from "../../../../lambda/adapters/telemetry/telemetry.js";
import { computeTotals } from "../../../../lambda/core/report/build-report.js";
import {
  EvidenceMetricName,
  MetricDimension,
  MetricName,
  MetricNamespace,
} from "../../../../lambda/core/report/metric-names.js";
import {
  type RunReport,
  type ServiceReport,
  TaskEvidence,
  type TaskReport,
} from "../../../../lambda/core/report/report.js";
import { sampleRunReport } from "./sample-run-report.js";

interface Emf {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
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

const template = sampleRunReport.services[0]?.tasks[0] as TaskReport;

function task(id: string, verdict: TaskReport["verdict"], evidence: TaskReport["evidence"]): TaskReport {
  return { ...template, taskArn: `${template.taskArn.slice(0, -1)}${id}`, verdict, evidence, reason: "r" };
}

function service(name: string, cluster: string, tasks: TaskReport[]): ServiceReport {
  return { ...(sampleRunReport.services[0] as ServiceReport), service: name, cluster, tasks };
}

/**
 * A rotation's run over every consumer: verifiers proven by probe, an issuer proven stale by its
 * JWKS, a worker proven current by its logged fingerprint, a runtime fetcher still refreshing.
 */
function evidenceReport(trigger = "secret-label-updated"): RunReport {
  const services = [
    service("orders-api", "prod", [
      task("1", "stale", TaskEvidence.Probe),
      task("2", "stale", TaskEvidence.Probe),
      task("3", "current", TaskEvidence.Probe),
      task("4", "current", TaskEvidence.Timestamps),
    ]),
    service("auth", "prod", [task("5", "stale", TaskEvidence.Jwks), task("6", "current", TaskEvidence.Jwks)]),
    service("worker", "batch", [task("7", "current", TaskEvidence.LogFingerprint)]),
    service("cache-reader", "batch", [
      task("8", "refreshing", TaskEvidence.Probe),
      task("9", "unknown", TaskEvidence.None),
    ]),
  ];
  return {
    ...sampleRunReport,
    trigger: { ...sampleRunReport.trigger, kind: trigger },
    services,
    securityFindings: [],
    totals: computeTotals(services, []),
  };
}

function publishAndRead(report: RunReport): Emf[] {
  publishReport(report, createTelemetry());
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((r) => "_aws" in r) as Emf[];
}

const dimensionsOf = (record: Emf) => record._aws.CloudWatchMetrics[0]?.Dimensions;
const perEvidence = (records: Emf[]) =>
  records.filter((record) => dimensionsOf(record)?.[0]?.includes(MetricDimension.evidence));

describe("countsByEvidence", () => {
  it("counts every evidence kind of the closed set, zeros included, and adds up to the run's counts", () => {
    const report = evidenceReport();
    const counts = countsByEvidence(report);
    expect([...counts.keys()]).toEqual(Object.values(TaskEvidence));
    expect(counts.get(TaskEvidence.Probe)).toEqual({
      TasksByEvidence: 4,
      TasksCurrentByEvidence: 1,
      TasksStaleByEvidence: 2,
    });
    expect(counts.get(TaskEvidence.Jwks)).toEqual({
      TasksByEvidence: 2,
      TasksCurrentByEvidence: 1,
      TasksStaleByEvidence: 1,
    });
    expect(counts.get(TaskEvidence.IssuerProbe)).toEqual({
      TasksByEvidence: 0,
      TasksCurrentByEvidence: 0,
      TasksStaleByEvidence: 0,
    });
    const sum = (name: EvidenceMetricName) =>
      [...counts.values()].reduce((total, entry) => total + entry[name], 0);
    expect(sum(EvidenceMetricName.tasksByEvidence)).toBe(report.totals.tasks);
    expect(sum(EvidenceMetricName.tasksCurrentByEvidence)).toBe(report.totals.byTaskVerdict.current);
    expect(sum(EvidenceMetricName.tasksStaleByEvidence)).toBe(report.totals.byTaskVerdict.stale);
  });

  it("leaves out a task from a report written before `evidence`", () => {
    const report = evidenceReport();
    const old = { ...report, services: [service("old", "prod", [{ ...task("1", "stale", undefined) }])] };
    const total = [...countsByEvidence(old).values()].reduce((n, entry) => n + entry.TasksByEvidence, 0);
    expect(total).toBe(0);
  });
});

describe("EMF records by evidence kind", () => {
  it("publishes TasksRefreshing in the secret-wide and per-cluster series", () => {
    const records = publishAndRead(evidenceReport());
    const secretWide = records.find((r) => dimensionsOf(r)?.[0]?.join() === MetricDimension.secretName);
    expect(secretWide).toMatchObject({ [MetricName.tasksRefreshing]: 1, TasksStale: 3, TasksChecked: 9 });
    expect(secretWide?._aws.CloudWatchMetrics[0]?.Metrics.map((m) => m.Name)).toContain(
      MetricName.tasksRefreshing,
    );
    const perCluster = records.filter((r) => dimensionsOf(r)?.[0]?.includes(MetricDimension.cluster));
    expect(perCluster.map((r) => [r.Cluster, r.TasksRefreshing])).toEqual([
      ["prod", 0],
      ["batch", 1],
    ]);
  });

  it("publishes one record per evidence kind with SecretName + Evidence, zeros included", () => {
    const records = perEvidence(publishAndRead(evidenceReport()));
    expect(records.map((r) => r.Evidence)).toEqual(Object.values(TaskEvidence));
    for (const record of records) {
      const [directive] = record._aws.CloudWatchMetrics;
      expect(directive?.Namespace).toBe(MetricNamespace);
      expect(directive?.Dimensions).toEqual([[MetricDimension.secretName, MetricDimension.evidence]]);
      expect(directive?.Metrics.map((m) => m.Name).sort()).toEqual(Object.values(EvidenceMetricName).sort());
      expect(record.SecretName).toBe(sampleRunReport.secretName);
      // The per-evidence series never carry the run's own metric names: alarms and the stale line
      // (SecretName alone) read only the secret-wide records.
      for (const name of Object.values(MetricName)) expect(record).not.toHaveProperty(name);
    }
    const byEvidence = new Map(records.map((r) => [r.Evidence, r]));
    expect(byEvidence.get("probe")).toMatchObject({
      TasksByEvidence: 4,
      TasksCurrentByEvidence: 1,
      TasksStaleByEvidence: 2,
    });
    expect(byEvidence.get("jwks")).toMatchObject({ TasksByEvidence: 2, TasksStaleByEvidence: 1 });
    expect(byEvidence.get("log-fingerprint")).toMatchObject({
      TasksByEvidence: 1,
      TasksCurrentByEvidence: 1,
    });
    expect(byEvidence.get("issuer-probe")).toMatchObject({
      TasksByEvidence: 0,
      TasksCurrentByEvidence: 0,
      TasksStaleByEvidence: 0,
    });
  });

  it("publishes no evidence series from a run scoped to one service", () => {
    const records = publishAndRead(evidenceReport("deployment-state-change"));
    expect(perEvidence(records)).toEqual([]);
    const byService = new Map(records.map((r) => [r.Service, r]));
    expect(byService.get("cache-reader")).toMatchObject({ TasksRefreshing: 1 });
    expect(byService.get("orders-api")).toMatchObject({ TasksRefreshing: 0 });
  });
});
