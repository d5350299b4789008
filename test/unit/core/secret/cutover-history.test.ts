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

  it("reads UpdateSecret's clientRequestToken as a move, and skips failed calls and records without a token", () => {
    const moves = readCutoverMoves([
      record("UpdateSecret", "2025-06-01T03:15:00Z", { secretId: "prod/jwt", clientRequestToken: current }),
      record("UpdateSecret", "2025-06-01T03:16:00Z", { secretId: "prod/jwt", description: "no token" }),
      {
        eventName: "UpdateSecret",
        eventTime: at("2025-06-01T03:17:00Z"),
        cloudTrailEvent: JSON.stringify({
          eventName: "UpdateSecret",
          errorCode: "ResourceExistsException",
          requestParameters: { secretId: "prod/jwt", clientRequestToken: current },
        }),
      },
      {
        eventName: "PutSecretValue",
        eventTime: at("2025-06-01T03:18:00Z"),
        cloudTrailEvent: JSON.stringify({
          eventName: "PutSecretValue",
          errorCode: "ResourceExistsException",
          requestParameters: { secretId: "prod/jwt", clientRequestToken: current },
        }),
      },
    ]);
    expect(moves).toEqual([
      { versionId: current, time: at("2025-06-01T03:15:00Z"), eventName: "UpdateSecret" },
    ]);
  });

  it("dates the cut-over at the UpdateSecret that gave a value, never at a later metadata-only UpdateSecret", () => {
    // The SDK fills ClientRequestToken on a metadata-only call too: its token names no version.
    const moves = readCutoverMoves([
      record("UpdateSecret", "2025-06-01T03:20:00Z", { secretId: "prod/jwt", clientRequestToken: current }),
      record("UpdateSecret", "2025-06-05T09:00:00Z", {
        secretId: "prod/jwt",
        clientRequestToken: "5d1f0c8e-2b7a-4e39-9c1d-7a6b5c4d3e2f",
        description: "owner: payments",
      }),
    ]);
    const evidence = {
      currentVersionId: current,
      currentCreatedDate: at("2025-06-01T03:20:00.250Z"),
      lastChangedDate: at("2025-06-05T09:00:00.100Z"),
    };
    expect(deriveCutoverWindow(null, evidence, at("2025-06-06T00:00:00Z"), moves)).toEqual({
      earliest: at("2025-06-01T03:20:00Z"),
      latest: at("2025-06-01T03:20:00.999Z"),
      source: "cloudtrail",
    });
  });
});
