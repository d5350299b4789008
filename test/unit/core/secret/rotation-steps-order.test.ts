import { describe, expect, it } from "vitest";
import type { HistoryRecord } from "../../../../lambda/core/secret/cutover-history.js";
import { deriveCutoverWindow } from "../../../../lambda/core/secret/cutover-window.js";
import {
  type RotationStep,
  readRotationSteps,
  rotationBoundsFor,
} from "../../../../lambda/core/secret/rotation-history.js";

const current = "c0b1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e";
const other = "7d6c5b4a-3e2f-4a1b-9c0d-e1f2a3b4c5d6";
const at = (iso: string) => new Date(iso);
const notAfter = at("2025-06-10T00:05:00Z");
const record = (
  eventName: string,
  time: string,
  requestParameters: Record<string, unknown>,
): HistoryRecord => ({
  eventName,
  eventTime: at(time),
  cloudTrailEvent: JSON.stringify({ eventName, requestParameters }),
});
const started = (versionId: string, time: string): RotationStep => ({
  step: "started",
  versionId,
  time: at(time),
});
const pending = (versionId: string, time: string): RotationStep => ({
  step: "pending",
  versionId,
  time: at(time),
});
const succeeded = (time: string): RotationStep => ({ step: "succeeded", versionId: null, time: at(time) });

/** Every order of `items`: LookupEvents lists newest first, and events of one second in any order. */
function orders<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    orders([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

describe("reading rotation steps", () => {
  it("reads no step from a direct PutSecretValue (no versionStages) nor from an UpdateSecret", () => {
    const steps = readRotationSteps([
      record("PutSecretValue", "2025-06-01T03:14:20Z", { secretId: "prod/jwt", clientRequestToken: current }),
      record("UpdateSecret", "2025-06-01T03:15:20Z", { secretId: "prod/jwt", clientRequestToken: other }),
    ]);
    expect(steps).toEqual([]);
  });

  it("reads a createSecret step only from PutSecretValue, whatever another call's parameters say", () => {
    const steps = readRotationSteps([
      record("UpdateSecret", "2025-06-01T03:14:07Z", {
        clientRequestToken: current,
        versionStages: ["AWSPENDING"],
      }),
    ]);
    expect(steps).toEqual([]);
  });
});

describe("the bounds the rotation steps give", () => {
  it("finds the same bounds whatever order the history lists the steps in, newest first as LookupEvents does", () => {
    const steps = [
      started(current, "2025-06-01T03:14:04Z"),
      pending(current, "2025-06-01T03:14:07Z"),
      succeeded("2025-06-01T03:14:21Z"),
    ];
    for (const order of orders(steps))
      expect(rotationBoundsFor(order, current, notAfter)).toEqual({
        startedAt: at("2025-06-01T03:14:04Z"),
        succeededAt: at("2025-06-01T03:14:21Z"),
      });
  });

  it("does not credit the current version with the success of an earlier rotation that created another one", () => {
    const steps = [
      started(other, "2025-06-01T01:00:00Z"),
      succeeded("2025-06-01T01:00:30Z"),
      started(current, "2025-06-01T03:14:04Z"),
    ];
    for (const order of orders(steps))
      expect(rotationBoundsFor(order, current, notAfter)).toEqual({ startedAt: at("2025-06-01T03:14:04Z") });
  });

  it("orders one second's steps start, createSecret, success, whichever of them CloudTrail recorded", () => {
    const second = "2025-06-01T03:14:04Z";
    const cases: [RotationStep[], object][] = [
      [
        [started(current, second), pending(current, second), succeeded(second)],
        { startedAt: at(second), succeededAt: at(second) },
      ],
      [[started(current, second), succeeded(second)], { startedAt: at(second), succeededAt: at(second) }],
      [[pending(current, second), succeeded(second)], { succeededAt: at(second) }],
    ];
    for (const [steps, bounds] of cases)
      for (const order of orders(steps)) expect(rotationBoundsFor(order, current, notAfter)).toEqual(bounds);
  });

  it("takes only RotateSecret for the current version as its start, never its createSecret step nor another version's start", () => {
    expect(rotationBoundsFor([started(other, "2025-06-01T03:14:04Z")], current, notAfter)).toEqual({});
    expect(rotationBoundsFor([pending(current, "2025-06-01T03:14:07Z")], current, notAfter)).toEqual({});
    expect(
      rotationBoundsFor(
        [started(current, "2025-06-01T03:14:04Z"), pending(current, "2025-06-01T03:14:07Z")],
        current,
        notAfter,
      ),
    ).toEqual({ startedAt: at("2025-06-01T03:14:04Z") });
  });

  it("reports the window from the createSecret step alone as the API bounds, not as a recorded RotateSecret", () => {
    const steps = [pending(current, "2025-06-01T03:14:07Z")];
    const evidence = { currentVersionId: current, lastChangedDate: at("2025-06-09T10:00:00.000Z") };
    const window = deriveCutoverWindow(null, evidence, at("2025-06-10T00:00:00Z"), [], steps);
    expect(window).toEqual({ earliest: new Date(0), latest: evidence.lastChangedDate, source: "api-bounds" });
  });

  it("takes a step dated exactly at the allowed skew's end, and none a millisecond after it", () => {
    expect(rotationBoundsFor([started(current, "2025-06-10T00:05:00Z")], current, notAfter)).toEqual({
      startedAt: notAfter,
    });
    expect(rotationBoundsFor([started(current, "2025-06-10T00:05:00.001Z")], current, notAfter)).toEqual({});
  });
});
