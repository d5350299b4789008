import { describe, expect, it } from "vitest";
import { judgeRun } from "../../../../cli/commands/judge-run.js";
import { waitForConvergence } from "../../../../cli/commands/wait-for-convergence.js";
import type { RunReport } from "../../../../lambda/core/report/report.js";
import { aReport, aService } from "../report-builder.js";

const rolling = aReport([aService("orders", "wait", ["current", "pending"])]);
const converged = aReport([aService("orders", "converged", ["current", "current"])]);
const failed = aReport([aService("orders", "failed", ["stale", "stale"])]);

/** Plays `polls` in order on a clock that moves only when the loop sleeps. */
function harness(polls: RunReport[], timeoutMs = 60_000) {
  let clock = 0;
  const seen: RunReport[] = [];
  const slept: number[] = [];
  const context = {
    poll: async () => {
      const next = polls.shift();
      if (next === undefined) throw new Error("polled more often than scripted");
      return next;
    },
    now: () => new Date(clock),
    sleep: async (ms: number) => {
      slept.push(ms);
      clock += ms;
    },
    deadline: new Date(timeoutMs),
    intervalMs: 10_000,
    onReport: (report: RunReport) => seen.push(report),
  };
  return { context, seen, slept };
}

describe("waitForConvergence", () => {
  it("polls while a deployment rolls and ends converged", async () => {
    const { context, seen, slept } = harness([rolling, converged]);
    const result = await waitForConvergence(rolling, context);
    expect(result).toEqual({ report: converged, outcome: "converged", polls: 2 });
    expect(seen).toEqual([rolling, rolling, converged]);
    expect(slept).toEqual([10_000, 10_000]);
  });

  it("stops at the first failed deployment without waiting for the deadline", async () => {
    const { context } = harness([failed]);
    expect((await waitForConvergence(rolling, context)).outcome).toBe("settled");
  });

  it("keeps polling a rolling service while another is blocked, then settles with the blocked one left", async () => {
    const blocked = aService(
      "billing",
      "blocked",
      ["stale"],
      "It lacks the tag rollout-verifier:redeploy=true",
    );
    const forced = {
      ...aService("orders", "redeploy", ["stale", "stale"]),
      action: "forced-deployment" as const,
      deploymentId: "ecs-svc/1",
    };
    const first = aReport([forced, blocked]);
    const stillRolling = aReport([aService("orders", "wait", ["current", "stale"]), blocked]);
    const done = aReport([aService("orders", "converged", ["current", "current"]), blocked]);
    const { context, slept } = harness([stillRolling, done]);
    const result = await waitForConvergence(first, context);
    expect(result).toMatchObject({ report: done, outcome: "settled", polls: 2 });
    expect(slept).toEqual([10_000, 10_000]);
  });

  it("does not poll at all when nothing can move by itself", async () => {
    const { context, slept } = harness([]);
    const blockedOnly = aReport([aService("billing", "blocked", ["stale"])]);
    expect(await waitForConvergence(blockedOnly, context)).toMatchObject({ outcome: "settled", polls: 0 });
    expect(slept).toEqual([]);
  });

  it("times out when the fleet is still rolling at the deadline, never sleeping past it", async () => {
    const { context, slept } = harness([rolling, rolling, rolling], 25_000);
    expect((await waitForConvergence(rolling, context)).outcome).toBe("timed-out");
    expect(slept).toEqual([10_000, 10_000, 5_000]);
  });

  it("does not wait when nothing reads the secret", async () => {
    const { context, slept } = harness([]);
    expect((await waitForConvergence(aReport([]), context)).outcome).toBe("no-consumers");
    expect(slept).toEqual([]);
  });
});

describe("judgeRun", () => {
  it("never calls a run with gaps or an unknown verdict converged", () => {
    const gap = {
      scope: "cluster" as const,
      cluster: "prod",
      resource: "prod",
      operation: "ListServices",
      errorCode: "ClusterNotFoundException",
      detail: "d",
      taskArns: [],
    };
    const throttled = { ...gap, errorCode: "ThrottlingException" };
    expect(judgeRun(aReport(converged.services, { gaps: [gap] }))).toBe("pending");
    expect(judgeRun(aReport([], { gaps: [throttled] }))).toBe("pending");
    expect(judgeRun(aReport([aService("orders", "inconclusive", ["unknown"])]))).toBe("pending");
  });

  it("finds no consumers when the only gaps are a cluster or service that does not exist", () => {
    const missing = {
      scope: "cluster" as const,
      cluster: "prdo",
      resource: "prdo",
      operation: "ListServices",
      errorCode: "ClusterNotFoundException",
      detail: "d",
      taskArns: [],
    };
    expect(judgeRun(aReport([], { gaps: [missing] }))).toBe("no-consumers");
  });

  it("treats blocked services and security findings as final: waiting will not fix them", () => {
    expect(judgeRun(aReport([aService("orders", "blocked", ["stale"])]))).toBe("failed");
    const finding = {
      severity: "critical" as const,
      kind: "accepts-alg-none" as const,
      cluster: "prod",
      service: "orders",
      taskArn: "t",
      url: "http://127.0.0.1:1/",
    };
    expect(judgeRun(aReport(converged.services, { securityFindings: [finding] }))).toBe("failed");
  });
});
