import { describe, expect, it } from "vitest";
import { readCutoverMoves } from "../../../../lambda/core/secret/cutover-history.js";
import { deriveCutoverWindow } from "../../../../lambda/core/secret/cutover-window.js";

const current = "c0b1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e";
const at = (iso: string) => new Date(iso);
const record = (eventName: string, time: string, requestParameters: Record<string, unknown>) => ({
  eventName,
  eventTime: at(time),
  cloudTrailEvent: JSON.stringify({ eventName, requestParameters }),
});

describe("CloudTrail history of AWSCURRENT moves", () => {
  it("reads PutSecretValue onto AWSCURRENT and UpdateSecretVersionStage moving AWSCURRENT, nothing else", () => {
    const moves = readCutoverMoves([
      record("PutSecretValue", "2025-06-01T03:10:00Z", {
        clientRequestToken: "pending",
        versionStages: ["AWSPENDING"],
      }),
      record("PutSecretValue", "2025-06-01T03:11:00Z", { clientRequestToken: "direct" }),
      record("UpdateSecretVersionStage", "2025-06-01T03:12:00Z", {
        versionStage: "AWSCURRENT",
        moveToVersionId: current,
      }),
      record("UpdateSecretVersionStage", "2025-06-01T03:13:00Z", {
        versionStage: "blue",
        moveToVersionId: "x",
      }),
      { eventName: "PutSecretValue", eventTime: at("2025-06-01T03:14:00Z"), cloudTrailEvent: "not json" },
    ]);
    expect(moves.map((move) => [move.eventName, move.versionId])).toEqual([
      ["PutSecretValue", "direct"],
      ["UpdateSecretVersionStage", current],
    ]);
  });

  it("places a sweep's cut-over at the recorded move, however much later a metadata edit moved LastChangedDate", () => {
    const moves = readCutoverMoves([
      record("UpdateSecretVersionStage", "2025-06-01T03:14:20Z", {
        versionStage: "AWSCURRENT",
        moveToVersionId: current,
      }),
    ]);
    const evidence = {
      currentVersionId: current,
      currentCreatedDate: at("2025-06-01T03:14:07.412Z"),
      lastChangedDate: at("2025-06-09T10:00:00.000Z"),
    };
    const window = deriveCutoverWindow(null, evidence, at("2025-06-10T00:00:00Z"), moves);
    expect(window).toEqual({
      earliest: at("2025-06-01T03:14:20Z"),
      latest: at("2025-06-01T03:14:20.999Z"),
      source: "cloudtrail",
    });
  });

  it("says nothing with an event older than a recorded later move onto the same version, or dated in the future", () => {
    const evidence = { currentVersionId: current, currentCreatedDate: at("2025-05-01T00:00:00.000Z") };
    const later = readCutoverMoves([
      record("UpdateSecretVersionStage", "2025-06-02T08:00:00Z", {
        versionStage: "AWSCURRENT",
        moveToVersionId: current,
      }),
    ]);
    const replayed = { time: at("2025-05-01T00:00:01Z"), timing: "at-cutover" as const, versionId: current };
    expect(deriveCutoverWindow(replayed, evidence, at("2025-06-03T00:00:00Z"), later).source).toBe(
      "cloudtrail",
    );
    const future = { time: at("2025-06-03T01:00:00Z"), timing: "at-cutover" as const, versionId: current };
    expect(deriveCutoverWindow(future, evidence, at("2025-06-03T00:00:00Z")).source).toBe("api-bounds");
    const forged = readCutoverMoves([
      record("PutSecretValue", "2025-06-04T00:00:00Z", { clientRequestToken: current }),
    ]);
    expect(deriveCutoverWindow(null, evidence, at("2025-06-03T00:00:00Z"), forged).source).toBe("api-bounds");
  });
});
