import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type HistoryRecord, readCutoverMoves } from "../../../../lambda/core/secret/cutover-history.js";
import { deriveCutoverWindow } from "../../../../lambda/core/secret/cutover-window.js";
import { readRotationSteps, rotationBoundsFor } from "../../../../lambda/core/secret/rotation-history.js";

const current = "c0b1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e";
const at = (iso: string) => new Date(iso);

/** What LookupEvents hands over for a fixture: its CloudTrail record (the EventBridge envelope's `detail`). */
function recorded(name: string, overrides: Record<string, unknown> = {}): HistoryRecord {
  const envelope = JSON.parse(readFileSync(`test/fixtures/aws/events/${name}.json`, "utf8")) as {
    detail: Record<string, unknown>;
  };
  const detail = { ...envelope.detail, ...overrides };
  return {
    eventName: String(detail.eventName),
    eventTime: at(String(detail.eventTime)),
    cloudTrailEvent: JSON.stringify(detail),
  };
}

const rotateSecret = recorded("cloudtrail-rotatesecret");
const createSecretStep = recorded("cloudtrail-putsecretvalue");
const finishSecretStep = recorded("cloudtrail-updatesecretversionstage");
const rotationSucceeded = recorded("secretsmanager-rotation-succeeded");
/** The fixture rotation's version, created at 03:14:07.412; a tag edit days later moved LastChangedDate. */
const evidence = {
  currentVersionId: current,
  currentCreatedDate: at("2025-06-01T03:14:07.412Z"),
  lastChangedDate: at("2025-06-09T10:00:00.000Z"),
};
const now = at("2025-06-10T00:00:00Z");

function windowFrom(records: readonly HistoryRecord[], over: Partial<typeof evidence> = {}) {
  return deriveCutoverWindow(
    null,
    { ...evidence, ...over },
    now,
    readCutoverMoves(records),
    readRotationSteps(records),
  );
}

describe("CloudTrail rotation steps around the AWSCURRENT move", () => {
  it("reads RotateSecret, the createSecret step and RotationSucceeded from the recorded events", () => {
    const steps = readRotationSteps([rotateSecret, createSecretStep, finishSecretStep, rotationSucceeded]);
    expect(steps.map((step) => [step.step, step.versionId, step.time.toISOString()])).toEqual([
      ["started", current, "2025-06-01T03:14:04.000Z"],
      ["pending", current, "2025-06-01T03:14:07.000Z"],
      ["succeeded", null, "2025-06-01T03:14:21.000Z"],
    ]);
  });

  it("dates the cut-over by the recorded move when CloudTrail has it, whatever the rotation steps say", () => {
    const window = windowFrom([rotateSecret, createSecretStep, finishSecretStep, rotationSucceeded]);
    expect(window).toEqual({
      earliest: at("2025-06-01T03:14:20Z"),
      latest: at("2025-06-01T03:14:20.999Z"),
      source: "cloudtrail",
    });
  });

  it("takes RotationSucceeded as the upper bound only, the version's CreatedDate staying the lower", () => {
    const window = windowFrom([rotateSecret, createSecretStep, rotationSucceeded]);
    expect(window).toEqual({
      earliest: at("2025-06-01T03:14:07.412Z"),
      latest: at("2025-06-01T03:14:21.999Z"),
      source: "cloudtrail-rotation-succeeded",
    });
  });

  it("narrows RotationSucceeded's second by an earlier LastRotatedDate", () => {
    const window = windowFrom([createSecretStep, rotationSucceeded], {
      lastRotatedDate: at("2025-06-01T03:14:21.118Z"),
    } as Partial<typeof evidence>);
    expect(window.latest).toEqual(at("2025-06-01T03:14:21.118Z"));
    expect(window.source).toBe("cloudtrail-rotation-succeeded");
  });

  it("takes RotateSecret as a lower bound only, never as the move, and only when it narrows the API bounds", () => {
    const withoutCreated = { currentCreatedDate: undefined } as unknown as Partial<typeof evidence>;
    const started = windowFrom([rotateSecret], withoutCreated);
    expect(started).toEqual({
      earliest: at("2025-06-01T03:14:04Z"),
      latest: evidence.lastChangedDate,
      source: "cloudtrail-rotate-secret",
    });
    // The version's CreatedDate (03:14:07.412) is already later than RotateSecret: nothing to add.
    expect(windowFrom([rotateSecret]).source).toBe("api-bounds");
  });

  it("says nothing with RotationSucceeded of a rotation that created another version, or with no start recorded", () => {
    const other = recorded("cloudtrail-rotatesecret", {
      requestParameters: { secretId: "prod/orders/jwt-signing-key", clientRequestToken: "another-version" },
    });
    expect(windowFrom([other, rotationSucceeded]).source).toBe("api-bounds");
    expect(windowFrom([rotationSucceeded]).source).toBe("api-bounds");
  });

  it("ignores rotation steps dated in the future beyond the allowance", () => {
    const future = (record: HistoryRecord): HistoryRecord => ({
      ...record,
      eventTime: at("2025-06-10T01:00:00Z"),
    });
    const bounds = rotationBoundsFor(
      readRotationSteps([future(rotateSecret), future(rotationSucceeded)]),
      current,
      at("2025-06-10T00:05:00Z"),
    );
    expect(bounds).toEqual({});
  });

  it("does not count a RotateSecret that only stores a schedule (rotateImmediately false) as a start", () => {
    const scheduleOnly = recorded("cloudtrail-rotatesecret", {
      requestParameters: {
        secretId: "prod/orders/jwt-signing-key",
        clientRequestToken: current,
        rotateImmediately: false,
      },
    });
    expect(readRotationSteps([scheduleOnly])).toEqual([]);
  });
});
