import { describe, expect, it } from "vitest";
import {
  type CutoverMove,
  lastMoveOnto,
  readCutoverMoves,
  requestParameters,
} from "../../../../lambda/core/secret/cutover-history.js";

const current = "c0b1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e";
const previous = "7d6c5b4a-3e2f-4a1b-9c0d-e1f2a3b4c5d6";
const at = (iso: string) => new Date(iso);
const record = (eventName: string, time: string, fields: Record<string, unknown>) => ({
  eventName,
  eventTime: at(time),
  cloudTrailEvent: JSON.stringify({ eventName, ...fields }),
});
const move = (versionId: string, time: string): CutoverMove => ({
  versionId,
  time: at(time),
  eventName: "UpdateSecretVersionStage",
});

describe("reading AWSCURRENT moves from CloudTrail records", () => {
  it("reads a PutSecretValue whose versionStages name AWSCURRENT among other labels as a move", () => {
    const moves = readCutoverMoves([
      record("PutSecretValue", "2025-06-01T03:14:20Z", {
        requestParameters: { clientRequestToken: current, versionStages: ["blue", "AWSCURRENT"] },
      }),
    ]);
    expect(moves).toEqual([
      { versionId: current, time: at("2025-06-01T03:14:20Z"), eventName: "PutSecretValue" },
    ]);
  });

  it("reads no move from an UpdateSecret whose clientRequestToken is empty", () => {
    const moves = readCutoverMoves([
      record("UpdateSecret", "2025-06-01T03:14:20Z", {
        requestParameters: { secretId: "prod/jwt", clientRequestToken: "" },
      }),
    ]);
    expect(moves).toEqual([]);
  });

  it("reads no move from a call other than the three that move AWSCURRENT, whatever parameters it carries", () => {
    const moves = readCutoverMoves([
      record("TagResource", "2025-06-01T03:14:20Z", {
        requestParameters: { secretId: "prod/jwt", versionStage: "AWSCURRENT", moveToVersionId: current },
      }),
    ]);
    expect(moves).toEqual([]);
  });

  it("reads a move from a record whose errorCode is empty: only a named error marks a refused call", () => {
    const moves = readCutoverMoves([
      record("UpdateSecretVersionStage", "2025-06-01T03:14:20Z", {
        errorCode: "",
        requestParameters: { versionStage: "AWSCURRENT", moveToVersionId: current },
      }),
    ]);
    expect(moves.map((found) => found.versionId)).toEqual([current]);
  });

  it("hands back no request parameters for a record whose requestParameters is null or not an object", () => {
    expect(
      requestParameters(JSON.stringify({ eventName: "UpdateSecret", requestParameters: null })),
    ).toBeUndefined();
    expect(
      requestParameters(JSON.stringify({ eventName: "UpdateSecret", requestParameters: "prod/jwt" })),
    ).toBeUndefined();
    expect(requestParameters(JSON.stringify({ requestParameters: { secretId: "prod/jwt" } }))).toEqual({
      secretId: "prod/jwt",
    });
  });
});

describe("the last recorded move onto the current version", () => {
  it("takes the latest move onto the current version, whatever order the history lists them in", () => {
    const moves = [
      move(current, "2025-06-01T03:00:00Z"),
      move(current, "2025-06-01T05:00:00Z"),
      move(previous, "2025-06-01T06:00:00Z"),
      move(current, "2025-06-01T04:00:00Z"),
    ];
    expect(lastMoveOnto(moves, current, at("2025-06-02T00:00:00Z"))?.time).toEqual(
      at("2025-06-01T05:00:00Z"),
    );
  });

  it("takes a move dated exactly at the allowed skew's end, and none a millisecond after it", () => {
    const notAfter = at("2025-06-01T03:19:20Z");
    expect(lastMoveOnto([move(current, "2025-06-01T03:19:20Z")], current, notAfter)?.time).toEqual(notAfter);
    expect(lastMoveOnto([move(current, "2025-06-01T03:19:20.001Z")], current, notAfter)).toBeUndefined();
  });
});
