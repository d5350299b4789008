import { describe, expect, it } from "vitest";
import type { HistoryPort } from "../../../../lambda/core/ports.js";
import type { HistoryRecord } from "../../../../lambda/core/secret/cutover-history.js";
import { locateCutover } from "../../../../lambda/core/secret/locate-cutover.js";
import type { ResolvedSecret } from "../../../../lambda/core/secret/resolve-secret.js";

/**
 * When `locateCutover` reads CloudTrail's event history, and how far back: an event is trusted alone
 * up to 5 minutes ahead of the clock and while LastChangedDate lies within a second after it; past
 * either edge the history is read, over CloudTrail's 90 days.
 */
const secret: ResolvedSecret = {
  arn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/jwt-AbCdEf",
  name: "prod/jwt",
  currentVersionId: "v2",
  previousVersionId: "v1",
  secretString: "unused",
  previousSecretString: null,
  currentCreatedDate: new Date("2026-12-06T10:00:00.250Z"),
  lastChangedDate: new Date("2026-12-06T10:05:00.400Z"),
};
const now = new Date("2026-12-06T11:00:00Z");
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

/** A history recording each lookup's `since`, answering with the records given. */
function recordingHistory(records: HistoryRecord[] = []): HistoryPort & { since: Date[] } {
  const since: Date[] = [];
  return {
    since,
    lookUpSecretEvents: async (_arn, from) => {
      since.push(from);
      return records;
    },
  };
}

const moveOntoV2: HistoryRecord = {
  eventName: "UpdateSecretVersionStage",
  eventTime: new Date("2026-12-06T10:05:00Z"),
  cloudTrailEvent: JSON.stringify({
    requestParameters: { versionStage: "AWSCURRENT", moveToVersionId: "v2", removeFromVersionId: "v1" },
  }),
};

const atCutover = (time: Date) => ({ time, timing: "at-cutover" as const, versionId: "v2" });

describe("locateCutover: when the event is trusted alone", () => {
  it("reads no history for an event that arrived a minute ago, after which nothing changed", async () => {
    const history = recordingHistory([moveOntoV2]);
    const moved = new Date("2026-12-06T10:59:00Z");
    const window = await locateCutover(history, atCutover(moved), { ...secret, lastChangedDate: moved }, now);
    expect(history.since).toEqual([]);
    expect(window).toEqual({ earliest: moved, latest: moved, source: "event" });
  });

  it("reads no history for an event stamped exactly 5 minutes ahead of the clock, and reads it a second later", async () => {
    const edge = at(now, 5 * 60 * 1000);
    const trusted = recordingHistory([moveOntoV2]);
    await locateCutover(trusted, atCutover(edge), secret, now);
    expect(trusted.since).toHaveLength(0);

    const tooFar = recordingHistory([moveOntoV2]);
    await locateCutover(tooFar, atCutover(at(edge, 1000)), secret, now);
    expect(tooFar.since).toHaveLength(1);
  });

  it("dates the cut-over from CloudTrail when the event is stamped further in the future than skew explains", async () => {
    const forged = atCutover(new Date("2026-12-06T12:00:00Z"));
    const window = await locateCutover(recordingHistory([moveOntoV2]), forged, secret, now);
    expect(window).toEqual({
      earliest: new Date("2026-12-06T10:05:00Z"),
      latest: secret.lastChangedDate,
      source: "cloudtrail",
    });
  });

  it("reads no history when LastChangedDate is exactly a second after the event, and reads it a millisecond later", async () => {
    const event = atCutover(new Date("2026-12-06T10:05:00Z"));
    const within = recordingHistory([moveOntoV2]);
    await locateCutover(
      within,
      event,
      { ...secret, lastChangedDate: new Date("2026-12-06T10:05:01.000Z") },
      now,
    );
    expect(within.since).toHaveLength(0);

    const after = recordingHistory([moveOntoV2]);
    await locateCutover(
      after,
      event,
      { ...secret, lastChangedDate: new Date("2026-12-06T10:05:01.001Z") },
      now,
    );
    expect(after.since).toHaveLength(1);
  });
});

describe("locateCutover: how far back the history is read", () => {
  it("looks up the secret's events of the last 90 days, CloudTrail's retention", async () => {
    const history = recordingHistory();
    await locateCutover(history, null, secret, now);
    expect(history.since).toEqual([new Date("2026-09-07T11:00:00Z")]);
  });
});
