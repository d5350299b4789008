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

  it("lets a 401 prove a task stale even if it was created after the cut-over", () => {
    const task = aTask({ createdAt: new Date("2025-06-01T03:20:00Z") });
    const result = classifyTask(
      { task, pin: following, probe: { status: "rejected", httpStatus: 401 } },
      exact,
    );
    expect(result.verdict).toBe("stale");
    expect(result.reason).toContain("HTTP 401");
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
