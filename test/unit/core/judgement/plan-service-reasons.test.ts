import { describe, expect, it } from "vitest";
import { planService } from "../../../../lambda/core/judgement/plan-service.js";
import type { CutoverWindow } from "../../../../lambda/core/secret/cutover-window.js";
import { aService, cutover } from "../builders.js";

/** The counts and sentences of the reasons the operator reads, for services and standalone families. */
const window: CutoverWindow = { earliest: cutover, latest: cutover, source: "event" };
const context = { window, now: new Date("2025-06-01T03:16:00Z") };
type Verdicts = Parameters<typeof planService>[1];

const refreshing = (tasks: number) =>
  `${tasks} task(s) fetch the secret at run time and are inside their cache TTL since the cut-over: they refresh on their own, so nothing is forced; the next run after the TTL (a sweep, or another event) verifies them again.`;
const notRunning = (tasks: number) =>
  `${tasks} task(s) are not RUNNING yet; they are verified on the next run.`;
const pullOnly =
  "read this secret only as registry credentials (repositoryCredentials), used at image pull: no running container holds it, so nothing lags and nothing is forced";

function standalone(verdicts: Verdicts) {
  return planService({ kind: "standalone", family: "orders-batch" }, verdicts, context);
}

function service(verdicts: Verdicts) {
  return planService({ kind: "service", service: aService(), optedOut: false }, verdicts, context);
}

describe("planService: standalone families", () => {
  it("waits on standalone tasks that only refresh at run time, counting them", () => {
    expect(standalone(["refreshing", "current"])).toEqual({
      verdict: "wait",
      reason: refreshing(1),
      deploymentId: null,
    });
  });

  it("blocks a standalone family with a lagging task even when others refresh on their own", () => {
    expect(standalone(["refreshing", "stale"])).toMatchObject({
      verdict: "blocked",
      reason: expect.stringContaining(
        "1 standalone task(s) of family orders-batch may hold the previous value",
      ),
    });
  });

  it("counts stale and unproven tasks together, beside refreshing ones, before waiting", () => {
    const plan = standalone(["refreshing", "stale", "unknown"]);
    expect(plan.verdict).toBe("blocked");
    expect(plan.reason).toContain("2 standalone task(s) of family orders-batch");
  });

  it("counts pinned, stale and unproven tasks in the reason to re-run them", () => {
    expect(standalone(["pinned", "stale", "unknown", "current"]).reason).toContain(
      "3 standalone task(s) of family orders-batch",
    );
    expect(standalone(["stale", "unreachable"])).toMatchObject({
      verdict: "blocked",
      reason: expect.stringContaining("2 standalone task(s) of family orders-batch"),
    });
  });

  it("says every standalone task holds AWSCURRENT only when none reads it as registry credentials", () => {
    expect(standalone(["current", "current"]).reason).toBe("Every standalone task holds AWSCURRENT.");
    expect(standalone(["unaffected", "current"])).toEqual({
      verdict: "converged",
      reason: `Every task holds AWSCURRENT, or (1 of them) ${pullOnly}.`,
      deploymentId: null,
    });
  });
});

describe("planService: converged and waiting services", () => {
  it("says every task holds AWSCURRENT when none reads it as registry credentials", () => {
    expect(service(["current", "current"]).reason).toBe("Every task holds AWSCURRENT.");
  });

  it("names only the tasks not yet RUNNING when nothing refreshes", () => {
    expect(service(["current", "pending"])).toEqual({
      verdict: "wait",
      reason: notRunning(1),
      deploymentId: null,
    });
  });

  it("names only the refreshing tasks when every task is RUNNING", () => {
    expect(service(["refreshing", "refreshing", "current"])).toEqual({
      verdict: "wait",
      reason: refreshing(2),
      deploymentId: null,
    });
  });

  it("names both, pending first, when tasks are pending and others refresh", () => {
    expect(service(["pending", "refreshing", "refreshing"]).reason).toBe(`${notRunning(1)} ${refreshing(2)}`);
  });
});
