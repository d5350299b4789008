import { describe, expect, it } from "vitest";
import { timeToConvergeSeconds } from "../../../../lambda/adapters/telemetry/report-metrics.js";
import { buildReport } from "../../../../lambda/core/report/build-report.js";
import type { SecurityFinding } from "../../../../lambda/core/report/report.js";
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
      url: "http://10.0.0.1:8080/",
    };
    expect(timeToConvergeSeconds(run(["current"], [finding]))).toBeUndefined();
    expect(timeToConvergeSeconds(run(["current", "stale"]))).toBeUndefined();
  });
});
