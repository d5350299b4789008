import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  reportFromLogRecords,
  reportsFromLogLines,
  serviceRecords,
} from "../../../../lambda/adapters/telemetry/report-service-records.js";
import { createTelemetry, publishReport } from "../../../../lambda/adapters/telemetry/telemetry.js";
import type { RunReport } from "../../../../lambda/core/report/report.js";
import { leakedToken, sampleRunReport } from "./sample-run-report.js";

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

/** The report as the logs can hold it: every JWT-shaped string scrubbed. */
function scrubbed(report: RunReport): RunReport {
  return JSON.parse(JSON.stringify(report).split(leakedToken).join("[token]")) as RunReport;
}

describe("the run report in the logs", () => {
  it("is recoverable whole from the summary and per-service records, as the handler returned it", () => {
    publishReport(sampleRunReport, createTelemetry());
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(reportFromLogRecords(records)).toEqual([scrubbed(sampleRunReport)]);
    expect(lines.join("\n")).not.toContain(leakedToken);
  });

  it("puts reportVersion, the cut-over window and each service's ARN in the summary", () => {
    publishReport(sampleRunReport, createTelemetry());
    const summary = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((record) => record.message === "rollout verification summary");
    expect(summary).toMatchObject({
      reportVersion: 1,
      cutover: sampleRunReport.cutover,
      services: sampleRunReport.services.map((service) =>
        expect.objectContaining({ serviceArn: service.serviceArn }),
      ),
    });
  });

  it("splits a service whose tasks exceed one log event into parts that reassemble in order", () => {
    const [first] = sampleRunReport.services;
    if (!first) throw new Error("sample has a service");
    const tasks = Array.from({ length: 300 }, (_, i) => ({
      ...first.tasks[0],
      taskArn: `${first.tasks[0]?.taskArn}-${i}`,
    }));
    const big = { ...sampleRunReport, services: [{ ...first, tasks }] } as RunReport;
    const budget = 8 * 1024;
    const records = serviceRecords(big, budget);
    expect(records.length).toBeGreaterThan(5);
    for (const record of records) expect(JSON.stringify(record).length).toBeLessThan(budget + 2048);
    const summary = {
      message: "rollout verification summary",
      ...JSON.parse(JSON.stringify({ ...big, services: [{}], findings: big.securityFindings, gaps: [] })),
    };
    const rebuilt = reportFromLogRecords([
      summary,
      ...records.reverse().map((record) => ({ message: "rollout verification service", ...record })),
    ]);
    expect(rebuilt[0]?.services[0]?.tasks.map((task) => task.taskArn)).toEqual(
      tasks.map((task) => task.taskArn),
    );
  });
});

describe("reportsFromLogLines, the reader rollout-verifier report uses", () => {
  it("skips the Lambda runtime's START/END/REPORT lines and cut lines, and rebuilds the report", () => {
    publishReport(sampleRunReport, createTelemetry());
    const file = [
      "START RequestId: 5f0c Version: $LATEST",
      ...lines,
      '{"level":"INFO","message":"cut sho',
      "END RequestId: 5f0c",
      "REPORT RequestId: 5f0c\tDuration: 12.00 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB",
    ];
    expect(reportsFromLogLines(file)).toEqual([scrubbed(sampleRunReport)]);
  });
});
