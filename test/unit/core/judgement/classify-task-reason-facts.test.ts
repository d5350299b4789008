import { describe, expect, it } from "vitest";
import { PROBE_NOT_APPLICABLE } from "../../../../lambda/core/consumers/choose-probe-secret.js";
import { classifyTask } from "../../../../lambda/core/judgement/classify-task.js";
import { PROBE_NO_SECRET_VALUE } from "../../../../lambda/core/probes/probe-run.js";
import type { ProbeReport } from "../../../../lambda/core/report/report.js";
import type { CutoverWindow } from "../../../../lambda/core/secret/cutover-window.js";
import { aTask, cutover } from "../builders.js";

/** The facts an operator reads in a task's reason: which probe answer, which HTTP status, why not probed. */
const exact: CutoverWindow = { earliest: cutover, latest: cutover, source: "event" };
const wide: CutoverWindow = {
  earliest: new Date("2025-06-01T03:14:07Z"),
  latest: new Date("2025-06-01T03:14:21Z"),
  source: "api-bounds",
};
const following = { pinned: false } as const;
const notProbed: ProbeReport = { status: "skipped", detail: "no probe path configured" };
const inWindow = aTask({
  createdAt: new Date("2025-06-01T03:14:10Z"),
  startedAt: new Date("2025-06-01T03:14:30Z"),
});
const createdAfter = aTask({
  createdAt: new Date("2025-06-01T03:20:00Z"),
  startedAt: new Date("2025-06-01T03:20:05Z"),
});
const startedBefore = aTask();

describe("classifyTask: forged tokens", () => {
  it("treats an empty list of accepted forged tokens as none: the AWSCURRENT answer still proves current", () => {
    const probe: ProbeReport = { status: "accepted", httpStatus: 200, acceptedForged: [] };
    expect(classifyTask({ task: startedBefore, pin: following, probe }, exact)).toEqual({
      verdict: "current",
      evidence: "probe",
      reason: "It accepted a token signed with AWSCURRENT.",
    });
  });

  it.each([
    [["accepts-alg-none"], "It accepted an unsigned token (alg: none), so it accepts any token"],
    [["accepts-wrong-key"], "It accepted a token signed with a wrong key, so it accepts any token"],
    [
      ["accepts-alg-none", "accepts-wrong-key"],
      "It accepted an unsigned token (alg: none) and a token signed with a wrong key, so it accepts any token",
    ],
  ] as const)("names each forged token accepted (%j)", (kinds, expected) => {
    const probe: ProbeReport = { status: "accepted", httpStatus: 200, acceptedForged: kinds };
    const result = classifyTask({ task: startedBefore, pin: following, probe }, exact);
    expect(result.evidence).toBe("accepts-any-token");
    expect(result.reason.startsWith(expected)).toBe(true);
  });
});

describe("classifyTask: the HTTP status of a rejection proven stale", () => {
  const provenStale = (httpStatus?: number): ProbeReport => ({
    status: "rejected",
    ...(httpStatus === undefined ? {} : { httpStatus }),
    control: { status: "accepted", httpStatus: 200 },
  });

  it("quotes the status the task answered", () => {
    const result = classifyTask({ task: startedBefore, pin: following, probe: provenStale(403) }, exact);
    expect(result.verdict).toBe("stale");
    expect(result.reason).toContain("It rejected a token signed with AWSCURRENT (HTTP 403) and accepted");
  });

  it("says 401/403 when no status was recorded", () => {
    const result = classifyTask({ task: startedBefore, pin: following, probe: provenStale() }, exact);
    expect(result.reason).toContain("It rejected a token signed with AWSCURRENT (HTTP 401/403) and accepted");
  });
});

describe("classifyTask: what the probe did, in the reason", () => {
  it("says a task accepted AWSCURRENT, and nothing of a control token it did not accept", () => {
    const probe: ProbeReport = {
      status: "accepted",
      httpStatus: 200,
      secret: { variable: "JWT_SIGNING_KEY", container: "orders-api", chosenBy: "only" },
      control: { status: "rejected", httpStatus: 401 },
    };
    expect(classifyTask({ task: startedBefore, pin: following, probe }, exact)).toEqual({
      verdict: "current",
      evidence: "probe",
      reason: "It accepted a token signed with AWSCURRENT (as JWT_SIGNING_KEY).",
    });
  });

  it("tells a timed-out probe from a refused one for a task started around the cut-over", () => {
    const judge = (status: "timeout" | "refused") =>
      classifyTask({ task: inWindow, pin: following, probe: { status } }, wide);
    expect(judge("timeout")).toEqual({
      verdict: "unreachable",
      evidence: "none",
      reason: "It started around the cut-over and the probe timed out.",
    });
    expect(judge("refused")).toEqual({
      verdict: "unreachable",
      evidence: "none",
      reason: "It started around the cut-over and the probe was refused.",
    });
  });

  it.each(["unexpected", "error"] as const)(
    "says the probe was %s, never that it was not probed, for a task started around the cut-over",
    (status) => {
      const result = classifyTask(
        { task: inWindow, pin: following, probe: { status, httpStatus: 500 } },
        wide,
      );
      expect(result).toEqual({
        verdict: "unknown",
        evidence: "none",
        reason: `It started around the cut-over (2025-06-01T03:14:07.000Z to 2025-06-01T03:14:21.000Z) and the probe was ${status}.`,
      });
    },
  );

  it("says whether a runtime-fetch task was probed at all", () => {
    const before = aTask({
      createdAt: new Date("2025-06-01T03:00:00Z"),
      startedAt: new Date("2025-06-01T03:00:05Z"),
    });
    const judge = (probe: ProbeReport) =>
      classifyTask(
        {
          task: before,
          pin: following,
          probe,
          runtimeFetch: { ttlSeconds: 300, now: new Date("2025-06-01T03:15:00Z") },
        },
        exact,
      ).reason;
    expect(judge(notProbed)).toContain("with a cache TTL of 300 s and it was not probed: until");
    expect(judge({ status: "timeout" })).toContain(
      "with a cache TTL of 300 s and the probe was timeout: until",
    );
  });
});

describe("classifyTask: why a task was judged by timestamps only", () => {
  const notApplicable = `${PROBE_NOT_APPLICABLE}: container orders-api verifies JWTs with DB_PASSWORD, which reads another secret or parameter; this secret reaches logConfiguration.secretOptions of log-router.`;
  const noValue = `${PROBE_NO_SECRET_VALUE} (GetSecretValue failed: InternalServiceError), so no probe token could be signed.`;

  it("quotes the skip reason whole, as a sentence, with only its final full stop dropped", () => {
    const judge = (detail: string) =>
      classifyTask({ task: createdAfter, pin: following, probe: { status: "skipped", detail } }, exact);
    expect(judge(notApplicable)).toEqual({
      verdict: "current",
      evidence: "timestamps",
      reason:
        "It was created after the cut-over (2025-06-01T03:14:20.000Z); judged by timestamps only. The probe does not apply to this secret: container orders-api verifies JWTs with DB_PASSWORD, which reads another secret or parameter; this secret reaches logConfiguration.secretOptions of log-router.",
    });
    expect(judge(noValue).reason).toBe(
      "It was created after the cut-over (2025-06-01T03:14:20.000Z); judged by timestamps only. Not probed: the secret's AWSCURRENT value could not be read (GetSecretValue failed: InternalServiceError), so no probe token could be signed.",
    );
  });

  it("never quotes the detail of a probe that was sent as a skip reason", () => {
    const probe: ProbeReport = { status: "timeout", detail: noValue };
    expect(classifyTask({ task: createdAfter, pin: following, probe }, exact).reason).toBe(
      "It was created after the cut-over (2025-06-01T03:14:20.000Z).",
    );
  });
});

describe("classifyTask: a logged fingerprint that was not read", () => {
  const logFailed: ProbeReport = {
    ...notProbed,
    issuer: [{ kind: "log", match: "failed", detail: "its log stream does not exist (yet)" }],
  };

  it("adds why only to an unknown verdict", () => {
    expect(classifyTask({ task: startedBefore, pin: following, probe: logFailed }, exact)).toEqual({
      verdict: "stale",
      evidence: "timestamps",
      reason: "It started before the cut-over (2025-06-01T03:14:20.000Z).",
    });
    const around = classifyTask({ task: inWindow, pin: following, probe: logFailed }, wide);
    expect(around.verdict).toBe("unknown");
    expect(around.reason).toContain(
      "it was not probed. Its logged key fingerprint: its log stream does not exist (yet).",
    );
  });
});
