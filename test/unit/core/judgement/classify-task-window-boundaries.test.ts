import { describe, expect, it } from "vitest";
import { classifyTask } from "../../../../lambda/core/judgement/classify-task.js";
import type { ProbeReport } from "../../../../lambda/core/report/report.js";
import type { CutoverWindow } from "../../../../lambda/core/secret/cutover-window.js";
import { aTask } from "../builders.js";

/**
 * The edges of the cut-over window and of a runtime-fetch cache TTL, to the millisecond: a task
 * exactly on an edge is never given the benefit of the doubt (created exactly at the window's end is
 * not "after" it, started exactly at its start is not "before" it), and a TTL that runs out at `now`
 * has run out.
 */
const earliest = new Date("2025-06-01T03:14:07Z");
const latest = new Date("2025-06-01T03:14:21Z");
const window: CutoverWindow = { earliest, latest, source: "api-bounds" };
const following = { pinned: false } as const;
const notProbed: ProbeReport = { status: "skipped", detail: "no probe path configured" };
const provenStale: ProbeReport = {
  status: "rejected",
  httpStatus: 401,
  control: { status: "accepted", httpStatus: 200 },
  acceptsPrevious: true,
};
const acceptsAnything: ProbeReport = {
  status: "accepted",
  httpStatus: 200,
  acceptedForged: ["accepts-alg-none"],
};
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const ttlSeconds = 300;
const refreshBy = at(latest, ttlSeconds * 1000);
const longBefore = { createdAt: at(earliest, -600_000), startedAt: at(earliest, -590_000) };

describe("classifyTask: a runtime-fetch task at the edges of its cache TTL", () => {
  it("calls a task proven on the previous key stale once now reaches the TTL's end, refreshing a millisecond before", () => {
    const judge = (now: Date) =>
      classifyTask(
        { task: aTask(longBefore), pin: following, probe: provenStale, runtimeFetch: { ttlSeconds, now } },
        window,
      );
    const onTheEdge = judge(refreshBy);
    expect([onTheEdge.verdict, onTheEdge.evidence]).toEqual(["stale", "probe"]);
    expect(onTheEdge.reason).toContain("which ran out at 2025-06-01T03:19:21.000Z: it did not refresh");
    const justBefore = judge(at(refreshBy, -1));
    expect([justBefore.verdict, justBefore.evidence]).toEqual(["refreshing", "probe"]);
    expect(justBefore.reason).toContain("which runs out at 2025-06-01T03:19:21.000Z");
  });

  it("calls an unprobed task unknown once now reaches the TTL's end, refreshing a millisecond before", () => {
    const judge = (now: Date) =>
      classifyTask(
        { task: aTask(longBefore), pin: following, probe: notProbed, runtimeFetch: { ttlSeconds, now } },
        window,
      );
    expect(judge(refreshBy)).toMatchObject({
      verdict: "unknown",
      evidence: "none",
      reason: expect.stringContaining("(cache TTL 300 s, ran out at 2025-06-01T03:19:21.000Z)"),
    });
    expect(judge(at(refreshBy, -1))).toMatchObject({
      verdict: "refreshing",
      evidence: "timestamps",
      reason: expect.stringContaining("until 2025-06-01T03:19:21.000Z it may still hold the previous key"),
    });
  });

  it("never calls a task created exactly at the window's end current for its first read; a millisecond later it is", () => {
    const judge = (createdAt: Date) =>
      classifyTask(
        {
          task: aTask({ createdAt, startedAt: at(latest, 5000) }),
          pin: following,
          probe: notProbed,
          runtimeFetch: { ttlSeconds, now: at(latest, 10_000) },
        },
        window,
      ).verdict;
    expect(judge(latest)).toBe("refreshing");
    expect(judge(at(latest, 1))).toBe("current");
  });
});

describe("classifyTask: a task that accepts any token, at the edges of the window", () => {
  it("never calls a task created exactly at the window's end current; a millisecond later it is", () => {
    const judge = (createdAt: Date) =>
      classifyTask(
        { task: aTask({ createdAt, startedAt: at(latest, 5000) }), pin: following, probe: acceptsAnything },
        window,
      );
    expect(judge(latest)).toMatchObject({
      verdict: "unknown",
      evidence: "accepts-any-token",
      reason: expect.stringContaining("started around the cut-over"),
    });
    expect(judge(at(latest, 1))).toMatchObject({ verdict: "current", evidence: "accepts-any-token" });
  });

  it("never calls a task started exactly at the window's start stale; a millisecond earlier it is", () => {
    const judge = (startedAt: Date) =>
      classifyTask(
        {
          task: aTask({ createdAt: at(earliest, -20_000), startedAt }),
          pin: following,
          probe: acceptsAnything,
        },
        window,
      );
    expect(judge(earliest)).toMatchObject({ verdict: "unknown", evidence: "accepts-any-token" });
    expect(judge(at(earliest, -1))).toMatchObject({
      verdict: "stale",
      evidence: "accepts-any-token",
      reason: expect.stringContaining("it started before the cut-over (2025-06-01T03:14:07.000Z)"),
    });
  });
});

describe("classifyTask: a dual-key task's start against the window's start", () => {
  const dualKey: ProbeReport = {
    status: "accepted",
    httpStatus: 200,
    acceptsPrevious: true,
    control: { status: "accepted", httpStatus: 200 },
  };
  const judge = (startedAt: Date) =>
    classifyTask(
      { task: aTask({ createdAt: at(earliest, -20_000), startedAt }), pin: following, probe: dualKey },
      window,
    );

  it("says a plain grace period for a task started exactly at the window's start", () => {
    expect(judge(earliest)).toEqual({
      verdict: "current",
      evidence: "probe",
      reason:
        "It accepted a token signed with AWSCURRENT and also the control token signed with AWSPREVIOUS: a dual-key grace period.",
    });
  });

  it("warns that the primary key is likely the previous one for a task started a millisecond earlier", () => {
    const result = judge(at(earliest, -1));
    expect(result.verdict).toBe("current");
    expect(result.reason).toContain(
      "and it started before the cut-over: it verifies new tokens during a dual-key grace period, but its primary key is likely still the previous one",
    );
  });
});
