import { describe, expect, it } from "vitest";
import type { HistoryPort } from "../../../../lambda/core/ports.js";
import { createGapLog } from "../../../../lambda/core/report/gap-log.js";
import { locateCutover } from "../../../../lambda/core/secret/locate-cutover.js";
import type { ResolvedSecret } from "../../../../lambda/core/secret/resolve-secret.js";
import { AwsCallError } from "../../../../lambda/errors.js";

const secret: ResolvedSecret = {
  arn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/jwt-AbCdEf",
  name: "prod/jwt",
  currentVersionId: "v2",
  previousVersionId: "v1",
  secretString: "unused",
  previousSecretString: null,
  currentCreatedDate: new Date("2026-12-06T10:00:00Z"),
  lastChangedDate: new Date("2026-12-06T10:05:00Z"),
};
const now = new Date("2026-12-06T11:00:00Z");

function failingHistory(name: string): HistoryPort {
  return {
    lookUpSecretEvents: async () => {
      throw new AwsCallError("LookupEvents", secret.arn, Object.assign(new Error("refused"), { name }));
    },
  };
}

describe("locateCutover when CloudTrail's event history fails", () => {
  it("names the missing grant when LookupEvents is denied, and falls back to the API bounds", async () => {
    const gaps = createGapLog();
    const window = await locateCutover(failingHistory("AccessDeniedException"), null, secret, now, gaps);
    expect(window.source).toBe("api-bounds");
    expect(gaps.gaps).toHaveLength(1);
    expect(gaps.gaps[0]).toMatchObject({
      scope: "cutover",
      operation: "LookupEvents",
      errorCode: "AccessDeniedException",
      resource: secret.arn,
    });
    expect(gaps.gaps[0]?.detail).toContain("cloudtrail:LookupEvents");
  });

  it("names the missing NAT gateway or CloudTrail endpoint when the call gets no answer", async () => {
    const gaps = createGapLog();
    await locateCutover(failingHistory("CallTimeout"), null, secret, now, gaps);
    expect(gaps.gaps[0]).toMatchObject({ scope: "cutover", errorCode: "CallTimeout" });
    expect(gaps.gaps[0]?.detail).toContain("com.amazonaws.<region>.cloudtrail");
  });

  it("leaves no gap when an event dates the cut-over and no lookup is made", async () => {
    const gaps = createGapLog();
    const hint = { time: new Date("2026-12-06T10:05:00Z"), timing: "at-cutover" as const, versionId: "v2" };
    const window = await locateCutover(failingHistory("AccessDeniedException"), hint, secret, now, gaps);
    expect(window.source).toBe("event");
    expect(gaps.gaps).toEqual([]);
  });
});
