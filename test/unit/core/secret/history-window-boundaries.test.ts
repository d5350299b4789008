import { describe, expect, it } from "vitest";
import type { CutoverMove } from "../../../../lambda/core/secret/cutover-history.js";
import {
  atEventWindow,
  recordedWindow,
  rotationWindow,
} from "../../../../lambda/core/secret/history-window.js";

const current = "c0b1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e";
const at = (iso: string) => new Date(iso);
const created = at("2025-06-01T03:14:07.412Z");
/** A tag edit days later moved LastChangedDate: the API upper bound says nothing about the move's second. */
const tagEdited = at("2025-06-09T10:00:00.000Z");
const putAt = (time: string): CutoverMove => ({
  versionId: current,
  time: at(time),
  eventName: "PutSecretValue",
});

describe("the window an event stamped at the move gives", () => {
  it("takes an event time with milliseconds that LastChangedDate matches as the exact move", () => {
    const exact = at("2025-06-01T03:14:20.300Z");
    expect(atEventWindow(exact, exact, created)).toEqual({ earliest: exact, latest: exact, source: "event" });
  });

  it("ends a whole-second event window at LastChangedDate when the move bumped it at the second's first millisecond", () => {
    const second = at("2025-06-01T03:14:20Z");
    expect(atEventWindow(second, at("2025-06-01T03:14:20.000Z"), created)).toEqual({
      earliest: second,
      latest: second,
      source: "event",
    });
  });

  it("dates the move by a LastChangedDate exactly one second before the event, the first instant of the second before", () => {
    const lastChanged = at("2025-06-01T03:14:19.000Z");
    expect(atEventWindow(at("2025-06-01T03:14:20Z"), lastChanged, created)).toEqual({
      earliest: lastChanged,
      latest: lastChanged,
      source: "event",
    });
  });
});

describe("the window a recorded PutSecretValue gives", () => {
  it("takes a CreatedDate at the recorded second's first or last millisecond as the exact move", () => {
    for (const inside of [
      "2025-06-01T03:14:20.000Z",
      "2025-06-01T03:14:20.400Z",
      "2025-06-01T03:14:20.999Z",
    ]) {
      const evidence = {
        currentVersionId: current,
        currentCreatedDate: at(inside),
        lastChangedDate: tagEdited,
      };
      expect(recordedWindow(putAt("2025-06-01T03:14:20Z"), evidence, tagEdited)).toEqual({
        earliest: at(inside),
        latest: at(inside),
        source: "cloudtrail",
      });
    }
  });

  it("keeps the recorded second when CreatedDate falls outside it, before or after", () => {
    for (const outside of ["2025-06-01T03:14:19.999Z", "2025-06-01T03:14:21.000Z"]) {
      const evidence = {
        currentVersionId: current,
        currentCreatedDate: at(outside),
        lastChangedDate: tagEdited,
      };
      expect(recordedWindow(putAt("2025-06-01T03:14:20Z"), evidence, tagEdited)).toEqual({
        earliest: at("2025-06-01T03:14:20Z"),
        latest: at("2025-06-01T03:14:20.999Z"),
        source: "cloudtrail",
      });
    }
  });
});

describe("the window the rotation steps give", () => {
  const evidence = { currentVersionId: current, currentCreatedDate: created, lastChangedDate: tagEdited };

  it("raises the lower bound to a RotateSecret later than the version's CreatedDate", () => {
    const startedAt = at("2025-06-01T03:14:09Z");
    expect(rotationWindow({ startedAt }, evidence, tagEdited)).toEqual({
      earliest: startedAt,
      latest: tagEdited,
      source: "cloudtrail-rotate-secret",
    });
  });

  it("adds nothing with a RotateSecret at the very millisecond of the version's CreatedDate", () => {
    expect(
      rotationWindow({ startedAt: at("2025-06-01T03:14:07.412Z") }, evidence, tagEdited),
    ).toBeUndefined();
  });
});
