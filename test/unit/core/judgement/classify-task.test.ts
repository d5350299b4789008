import { describe, expect, it } from "vitest";
import { classifyTask } from "../../../../lambda/core/judgement/classify-task.js";
import type { ProbeReport } from "../../../../lambda/core/report/report.js";
import type { CutoverWindow } from "../../../../lambda/core/secret/cutover-window.js";
import { aTask, cutover } from "../builders.js";

const exact: CutoverWindow = { earliest: cutover, latest: cutover, source: "event" };
const wide: CutoverWindow = {
  earliest: new Date("2025-06-01T03:14:07Z"),
  latest: new Date("2025-06-01T03:14:21Z"),
  source: "api-bounds",
};
const notProbed: ProbeReport = { status: "skipped", detail: "no probe path configured" };
const following = { pinned: false } as const;
const inWindow = { createdAt: new Date("2025-06-01T03:14:10Z"), startedAt: new Date("2025-06-01T03:14:30Z") };

describe("classifyTask", () => {
  it("calls a task that is not RUNNING pending, whatever else is known", () => {
    const result = classifyTask(
      { task: aTask({ lastStatus: "PROVISIONING" }), pin: following, probe: notProbed },
      exact,
    );
    expect(result.verdict).toBe("pending");
  });

  it("calls a task pinned when its task definition pins the secret", () => {
    const result = classifyTask(
      {
        task: aTask(),
        pin: { pinned: true, pin: "version stage AWSPREVIOUS" },
        probe: { status: "accepted" },
      },
      exact,
    );
    expect(result).toEqual({
      verdict: "pinned",
      evidence: "task-definition",
      reason:
        "Its task definition pins the secret to version stage AWSPREVIOUS, so a redeploy reads the same value.",
    });
  });

  it("calls a task that references the current version by id current, though it started before the cut-over", () => {
    const result = classifyTask(
      { task: aTask(), pin: { pinned: false, toCurrentVersion: true }, probe: notProbed },
      exact,
    );
    expect(result.verdict).toBe("current");
    expect(result.reason).toContain("references the AWSCURRENT version by id");
  });

  it("lets an accepted probe prove a task current even if it started before the cut-over", () => {
    expect(
      classifyTask({ task: aTask(), pin: following, probe: { status: "accepted", httpStatus: 200 } }, exact)
        .verdict,
    ).toBe("current");
  });

  it("calls a task created after the cut-over that rejects AWSCURRENT without control evidence unknown, explaining the contradiction", () => {
    const task = aTask({ createdAt: new Date("2025-06-01T03:20:00Z") });
    const probe: ProbeReport = { status: "rejected", httpStatus: 401, appReason: "jwt audience invalid" };
    const result = classifyTask({ task, pin: following, probe }, exact);
    expect(result.verdict).toBe("unknown");
    expect(result.reason).toContain("created after the cut-over");
    expect(result.reason).toContain("no control token");
    expect(result.reason).toContain('"jwt audience invalid"');
  });

  it("proves a task stale when it rejects AWSCURRENT and accepts the AWSPREVIOUS control token, whenever it started", () => {
    const task = aTask({ createdAt: new Date("2025-06-01T03:20:00Z") });
    const probe: ProbeReport = {
      status: "rejected",
      httpStatus: 401,
      control: { status: "accepted", httpStatus: 200 },
    };
    const result = classifyTask({ task, pin: following, probe }, exact);
    expect(result.verdict).toBe("stale");
    expect(result.reason).toContain("accepted the control token signed with AWSPREVIOUS");
  });

  it.each(["timeout", "error", "refused", "unexpected", "rejected"] as const)(
    "never takes a control probe that ended %s as accepting AWSPREVIOUS: no proof of stale",
    (status) => {
      const task = aTask({ createdAt: new Date("2025-06-01T03:20:00Z") });
      const probe: ProbeReport = { status: "rejected", httpStatus: 401, control: { status } };
      const result = classifyTask({ task, pin: following, probe }, exact);
      expect(result.verdict).toBe("unknown");
      expect(result.reason).not.toContain("accepted the control token");
    },
  );

  it("never calls an inconclusive probe proof: timestamps decide, else unknown", () => {
    const probe: ProbeReport = {
      status: "inconclusive",
      httpStatus: 401,
      appReason: "jwt audience invalid",
      control: { status: "rejected", httpStatus: 401 },
    };
    const after = aTask({ createdAt: new Date("2025-06-01T03:20:00Z") });
    expect(classifyTask({ task: after, pin: following, probe }, exact)).toMatchObject({
      verdict: "unknown",
      reason: expect.stringContaining("inconclusive"),
    });
    const before = aTask({ startedAt: new Date("2025-06-01T03:00:00Z") });
    expect(classifyTask({ task: before, pin: following, probe }, exact).verdict).toBe("stale");
    expect(classifyTask({ task: aTask(inWindow), pin: following, probe }, wide).verdict).toBe("unknown");
  });

  it("says what a dual-key task proved: it accepts both keys, and started before the cut-over", () => {
    const task = aTask({ startedAt: new Date("2025-06-01T03:00:00Z") });
    const probe: ProbeReport = {
      status: "accepted",
      httpStatus: 200,
      acceptsPrevious: true,
      control: { status: "accepted" },
    };
    const result = classifyTask({ task, pin: following, probe }, exact);
    expect(result.verdict).toBe("current");
    expect(result.reason).toContain("dual-key grace period");
    expect(result.reason).toContain("primary key is likely still the previous one");
  });

  it("calls a task created after the cut-over current", () => {
    const task = aTask({ createdAt: new Date("2025-06-01T03:14:23.517Z") });
    expect(classifyTask({ task, pin: following, probe: notProbed }, exact).verdict).toBe("current");
  });

  it("calls a task started before the cut-over stale", () => {
    expect(classifyTask({ task: aTask(), pin: following, probe: notProbed }, exact).verdict).toBe("stale");
  });

  it("calls a task inside a wide window unknown when it was not probed", () => {
    const result = classifyTask({ task: aTask(inWindow), pin: following, probe: notProbed }, wide);
    expect(result.verdict).toBe("unknown");
    expect(result.reason).toContain("not probed");
  });

  it("calls a task inside the window unreachable when the probe timed out or was refused", () => {
    const timeout = classifyTask(
      { task: aTask(inWindow), pin: following, probe: { status: "timeout" } },
      wide,
    );
    const refused = classifyTask(
      { task: aTask(inWindow), pin: following, probe: { status: "refused" } },
      wide,
    );
    expect([timeout.verdict, refused.verdict]).toEqual(["unreachable", "unreachable"]);
  });

  it("calls a task inside the window unknown when the probe answered something unexpected", () => {
    const result = classifyTask(
      { task: aTask(inWindow), pin: following, probe: { status: "unexpected", httpStatus: 500 } },
      wide,
    );
    expect(result.verdict).toBe("unknown");
  });

  it("calls a task created before but started after an exact cut-over unknown", () => {
    const task = aTask({
      createdAt: new Date("2025-06-01T03:14:19Z"),
      startedAt: new Date("2025-06-01T03:14:40Z"),
    });
    expect(classifyTask({ task, pin: following, probe: notProbed }, exact).verdict).toBe("unknown");
  });
});

describe("classifyTask: evidence a task that accepts anything cannot give", () => {
  const accepting: ProbeReport = {
    status: "accepted",
    httpStatus: 200,
    control: { status: "accepted", httpStatus: 200 },
    acceptsPrevious: true,
    acceptedForged: ["accepts-alg-none", "accepts-wrong-key"],
  };

  it("judges a task that accepted forged tokens by timestamps alone, never by its AWSCURRENT answer", () => {
    const before = classifyTask({ task: aTask(), pin: following, probe: accepting }, exact);
    expect([before.verdict, before.evidence]).toEqual(["stale", "accepts-any-token"]);
    expect(before.reason).toContain("accepts any token");
    expect(before.reason).toContain("prove nothing about which key it holds");
    expect(before.reason).toContain("judged by timestamps alone: it started before the cut-over");
    expect(before.reason).not.toContain("grace period");

    const created = aTask({
      createdAt: new Date("2025-06-01T03:20:00Z"),
      startedAt: new Date("2025-06-01T03:20:05Z"),
    });
    const after = classifyTask({ task: created, pin: following, probe: accepting }, exact);
    expect([after.verdict, after.evidence]).toEqual(["current", "accepts-any-token"]);
    expect(after.reason).toContain("created after the cut-over");
    expect(after.reason).not.toContain("holds AWSCURRENT");

    const around = classifyTask({ task: aTask(inWindow), pin: following, probe: accepting }, wide);
    expect([around.verdict, around.evidence]).toEqual(["unknown", "accepts-any-token"]);
  });

  it("keeps probe-proven current apart: evidence probe only when no forged token was accepted", () => {
    const result = classifyTask(
      { task: aTask(), pin: following, probe: { status: "accepted", httpStatus: 200 } },
      exact,
    );
    expect([result.verdict, result.evidence]).toEqual(["current", "probe"]);
  });

  it("says a stale task's acceptsPrevious is the proof of stale, not a grace period", () => {
    const probe: ProbeReport = {
      status: "rejected",
      httpStatus: 401,
      control: { status: "accepted", httpStatus: 200 },
      acceptsPrevious: true,
    };
    const result = classifyTask({ task: aTask(), pin: following, probe }, exact);
    expect([result.verdict, result.evidence]).toEqual(["stale", "probe"]);
    expect(result.reason).toContain("holds the previous key only");
    expect(result.reason).toContain("not a dual-key grace period");
  });

  it("calls a task that reads the secret only as registry credentials unaffected, whenever it started", () => {
    const result = classifyTask({ task: aTask(), pin: following, probe: notProbed, pullOnly: true }, exact);
    expect([result.verdict, result.evidence]).toEqual(["unaffected", "task-definition"]);
    expect(result.reason).toContain("registry credentials (repositoryCredentials)");
    expect(result.reason).toContain("image");
  });

  it("says why a task was not probed when the secret's value could not be read", () => {
    const probe: ProbeReport = {
      status: "skipped",
      detail:
        "not probed: the secret's AWSCURRENT value could not be read (GetSecretValue failed: InternalServiceError), so no probe token could be signed.",
    };
    const stale = classifyTask({ task: aTask(), pin: following, probe }, exact);
    expect([stale.verdict, stale.evidence]).toEqual(["stale", "timestamps"]);
    expect(stale.reason).toContain("judged by timestamps only");
    expect(stale.reason).toContain("GetSecretValue failed: InternalServiceError");
    const around = classifyTask({ task: aTask(inWindow), pin: following, probe }, wide);
    expect(around.verdict).toBe("unknown");
    expect(around.reason).toContain("it was not probed: the secret's AWSCURRENT value could not be read");
  });
});
