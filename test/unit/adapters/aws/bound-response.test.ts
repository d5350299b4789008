import { describe, expect, it } from "vitest";
import { boundResponse, TASKS_IN_LOG } from "../../../../lambda/adapters/aws/bound-response.js";
import type { HandlerResult } from "../../../../lambda/core/handle-event.js";
import type { RunReport, TaskReport } from "../../../../lambda/core/report/report.js";

function task(index: number): TaskReport {
  return {
    taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/prod/${String(index).padStart(32, "0")}`,
    taskDefinition: "api:1",
    lastStatus: "RUNNING",
    createdAt: null,
    startedAt: null,
    address: "10.0.0.1:8080",
    verdict: "stale",
    reason: "It rejected a token signed with AWSCURRENT.",
    probe: { status: "rejected" },
  };
}

function result(tasks: number): HandlerResult {
  const report = {
    services: [{ cluster: "prod", service: "api", tasks: Array.from({ length: tasks }, (_, i) => task(i)) }],
    totals: { tasks },
  } as unknown as RunReport;
  return { outcome: "verified", reports: [report] };
}

describe("boundResponse", () => {
  it("returns a result under Lambda's response limit unchanged", () => {
    const small = result(10);
    expect(boundResponse(small)).toBe(small);
  });

  it("leaves the task lists of a result over the limit in the log, keeping totals and services, and says so", () => {
    const large = result(100);
    const bounded = boundResponse(large, 2_000);
    expect(bounded.tasksInLog).toBe(TASKS_IN_LOG);
    expect(bounded.reports[0]?.services[0]?.tasks).toEqual([]);
    expect(bounded.reports[0]?.totals.tasks).toBe(100);
    expect(large.reports[0]?.services[0]?.tasks).toHaveLength(100);
  });

  it("never touches an ignored event's answer", () => {
    const ignored: HandlerResult = { outcome: "ignored", reason: "r", received: "e", reports: [] };
    expect(boundResponse(ignored, 0)).toBe(ignored);
  });
});
