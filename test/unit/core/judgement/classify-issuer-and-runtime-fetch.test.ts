import { describe, expect, it } from "vitest";
import { classifyTask } from "../../../../lambda/core/judgement/classify-task.js";
import { planService } from "../../../../lambda/core/judgement/plan-service.js";
import type { IssuerProbeReport, ProbeReport } from "../../../../lambda/core/report/report.js";
import type { CutoverWindow } from "../../../../lambda/core/secret/cutover-window.js";
import { aTask, cutover } from "../builders.js";

const exact: CutoverWindow = { earliest: cutover, latest: cutover, source: "event" };
const following = { pinned: false } as const;
const notProbed: ProbeReport = { status: "skipped", detail: "no probe path configured" };
const provenStale: ProbeReport = {
  status: "rejected",
  httpStatus: 401,
  control: { status: "accepted", httpStatus: 200 },
  acceptsPrevious: true,
};
const inWindowTask = aTask({ createdAt: cutover, startedAt: cutover });
const issuer = (
  match: IssuerProbeReport["match"],
  kind: IssuerProbeReport["kind"] = "jwks",
): ProbeReport => ({
  ...notProbed,
  issuer: [{ kind, match, detail: `issuer ${match}` }],
});
const seconds = (s: number) => new Date(cutover.getTime() + s * 1000);

describe("classifyTask with issuer evidence", () => {
  it("proves a task started inside the window stale or current by what it publishes or signs", () => {
    const judge = (probe: ProbeReport) => classifyTask({ task: inWindowTask, pin: following, probe }, exact);
    expect(judge(issuer("previous"))).toMatchObject({ verdict: "stale", evidence: "jwks" });
    expect(judge(issuer("current", "token"))).toMatchObject({ verdict: "current", evidence: "issuer-probe" });
    expect(judge(issuer("neither", "token"))).toMatchObject({ verdict: "unknown", evidence: "issuer-probe" });
    expect(judge(issuer("failed"))).toMatchObject({ verdict: "unknown", evidence: "none" });
  });

  it("lets a stale issuer outweigh a verifier probe the task passed", () => {
    const probe: ProbeReport = { ...issuer("previous", "token"), status: "accepted", httpStatus: 200 };
    expect(classifyTask({ task: aTask(), pin: following, probe }, exact)).toMatchObject({
      verdict: "stale",
      evidence: "issuer-probe",
    });
  });
});

describe("classifyTask for a runtime-fetch task", () => {
  const fetch = (now: Date) => ({ ttlSeconds: 300, now });
  const before = aTask({ createdAt: seconds(-600), startedAt: seconds(-600) });

  it("is refreshing while proven on the previous key within its TTL, stale after it", () => {
    const within = classifyTask(
      { task: before, pin: following, probe: provenStale, runtimeFetch: fetch(seconds(10)) },
      exact,
    );
    expect(within).toMatchObject({ verdict: "refreshing", evidence: "probe" });
    const after = classifyTask(
      { task: before, pin: following, probe: provenStale, runtimeFetch: fetch(seconds(301)) },
      exact,
    );
    expect(after).toMatchObject({ verdict: "stale", evidence: "probe" });
    expect(after.reason).toContain("did not refresh");
  });

  it("is never stale by its start time alone", () => {
    const judge = (now: Date) =>
      classifyTask({ task: before, pin: following, probe: notProbed, runtimeFetch: fetch(now) }, exact)
        .verdict;
    expect(judge(seconds(10))).toBe("refreshing");
    expect(judge(seconds(400))).toBe("unknown");
  });
});

describe("planService with refreshing tasks", () => {
  it("waits on them and forces nothing", () => {
    const service = {
      clusterArn: "arn:aws:ecs:eu-west-1:123456789012:cluster/prod",
      serviceArn: "arn:aws:ecs:eu-west-1:123456789012:service/prod/api",
      serviceName: "api",
      taskDefinitionArn: "arn:aws:ecs:eu-west-1:123456789012:task-definition/api:1",
      deploymentController: "ECS" as const,
      desiredCount: 2,
      tags: {},
      deployments: [],
    };
    const plan = planService({ kind: "service", service, optedOut: false }, ["refreshing", "current"], {
      window: exact,
      now: seconds(10),
    });
    expect(plan.verdict).toBe("wait");
    expect(plan.reason).toContain("cache TTL");
  });
});
