import { describe, expect, it } from "vitest";
import { metricScope, timeToConvergeSeconds } from "../../../../lambda/adapters/telemetry/report-metrics.js";
import { buildReport } from "../../../../lambda/core/report/build-report.js";
import type { RunReport, SecurityFinding } from "../../../../lambda/core/report/report.js";
import { aReport, aService } from "../../cli/report-builder.js";

function run(verdicts: readonly string[], findings: readonly SecurityFinding[] = []) {
  const { services, securityFindings: _s, gaps: _g, totals: _t, ...header } = aReport([]);
  const service = aService("api", "converged", verdicts);
  return buildReport(
    { ...header, trigger: { kind: "secret-label-updated", eventId: "e", eventTime: null } },
    [service],
    findings,
  );
}

describe("timeToConvergeSeconds", () => {
  it("counts a run whose tasks are current or read the secret only as registry credentials", () => {
    expect(timeToConvergeSeconds(run(["current", "unaffected"]))).toBe(301);
  });

  it("publishes nothing while a task accepts forged tokens, though its timestamps call it current", () => {
    const finding: SecurityFinding = {
      severity: "critical",
      kind: "accepts-wrong-key",
      cluster: "prod",
      service: "api",
      taskArn: "arn:aws:ecs:eu-west-1:123456789012:task/prod/api-0",
      url: "http://127.0.0.1:8080/",
    };
    expect(timeToConvergeSeconds(run(["current"], [finding]))).toBeUndefined();
    expect(timeToConvergeSeconds(run(["current", "stale"]))).toBeUndefined();
  });
});

describe("metrics that tell the truth after a rotation", () => {
  const cutover = "2026-05-01T11:00:00.000Z";
  function converged(
    trigger: RunReport["trigger"],
    starts: readonly (string | null)[],
    verdict = "current",
  ): RunReport {
    const service = aService(
      "api",
      "converged",
      starts.map(() => verdict),
    );
    const tasks = service.tasks.map((task, index) => ({
      ...task,
      createdAt: starts[index] ?? null,
      startedAt: starts[index] ?? null,
    }));
    const { services: _s, securityFindings: _f, gaps: _g, totals: _t, ...header } = aReport([]);
    return buildReport({ ...header, cutover, trigger }, [{ ...service, tasks }], []);
  }
  const followUp = {
    kind: "deployment-state-change",
    eventId: "e",
    eventTime: "2026-05-01T11:09:00.000Z",
    followUp: "Re-verifying the secret because deployment ecs-svc/1 completed",
  };

  it("publishes a follow-up that re-verified the whole secret as secret-wide, a plain deployment run as one service", () => {
    expect(metricScope(converged(followUp, []))).toBe("secret");
    const { followUp: _dropped, ...plain } = followUp;
    expect(metricScope(converged(plain, []))).toBe("service");
    expect(metricScope(converged({ kind: "sweep", eventId: null, eventTime: null }, []))).toBe("secret");
  });

  it("measures a follow-up's convergence at the last replacement's start, so a later run repeats the same value", () => {
    const starts = ["2026-05-01T10:00:00.000Z", "2026-05-01T11:02:00.000Z", "2026-05-01T11:03:30.000Z"];
    expect(timeToConvergeSeconds(converged(followUp, starts))).toBe(210);
    const direct = { kind: "direct", eventId: null, eventTime: null };
    expect(timeToConvergeSeconds(converged(direct, starts))).toBe(210);
  });

  it("publishes nothing from a duplicate announcement of the rotation that arrives after the fix", () => {
    const starts = ["2026-05-01T11:02:00.000Z"];
    const duplicate = { kind: "rotation-succeeded", eventId: "e", eventTime: cutover };
    expect(timeToConvergeSeconds(converged(duplicate, starts))).toBeUndefined();
  });

  it("publishes nothing from a service-scoped run, a sweep, or a later run with nothing replaced", () => {
    const { followUp: _dropped, ...plain } = followUp;
    const starts = ["2026-05-01T11:03:30.000Z"];
    expect(timeToConvergeSeconds(converged(plain, starts))).toBeUndefined();
    expect(timeToConvergeSeconds(converged({ kind: "sweep", eventId: null, eventTime: null }, starts))).toBe(
      undefined,
    );
    expect(
      timeToConvergeSeconds(
        converged({ kind: "direct", eventId: null, eventTime: null }, ["2026-05-01T10:00:00.000Z"]),
      ),
    ).toBeUndefined();
  });
});
