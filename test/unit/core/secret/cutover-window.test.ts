import { describe, expect, it } from "vitest";
import { deriveCutoverWindow } from "../../../../lambda/core/secret/cutover-window.js";

const current = "c0b1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e";
const created = new Date("2025-06-01T03:14:07.412Z");
const changed = new Date("2025-06-01T03:14:21.118Z");
const evidence = { currentVersionId: current, currentCreatedDate: created, lastChangedDate: changed };
const now = new Date("2025-06-01T03:15:15Z");
const at = new Date("2025-06-01T03:14:20Z");

describe("deriveCutoverWindow", () => {
  it("reads a whole-second event time as the second the current version moved in", () => {
    const window = deriveCutoverWindow({ time: at, timing: "at-cutover", versionId: current }, evidence, now);
    expect(window).toEqual({ earliest: at, latest: new Date("2025-06-01T03:14:20.999Z"), source: "event" });
  });

  it("takes an event time with milliseconds as the exact moment of the move", () => {
    const exact = new Date("2025-06-01T03:14:20.412Z");
    const window = deriveCutoverWindow(
      { time: exact, timing: "at-cutover", versionId: current },
      evidence,
      now,
    );
    expect(window).toEqual({ earliest: exact, latest: exact, source: "event" });
  });

  it("bounds RotationSucceeded's window by CreatedDate below and the earlier of its second's end and LastChangedDate above", () => {
    const after = new Date("2025-06-01T03:14:21Z");
    const window = deriveCutoverWindow(
      { time: after, timing: "after-cutover", versionId: null },
      evidence,
      now,
    );
    expect(window).toEqual({
      earliest: created,
      latest: changed,
      source: "event-upper-bound",
    });
  });

  it("ends a whole-second event window at LastChangedDate when the move bumped it within that second", () => {
    const movedAt = new Date("2025-06-01T03:14:20.313Z");
    const window = deriveCutoverWindow(
      { time: at, timing: "at-cutover", versionId: current },
      { ...evidence, lastChangedDate: movedAt },
      now,
    );
    expect(window).toEqual({ earliest: at, latest: movedAt, source: "event" });
  });

  it("keeps the end of the event's second when LastChangedDate precedes the event time", () => {
    const window = deriveCutoverWindow(
      { time: at, timing: "at-cutover", versionId: current },
      { ...evidence, lastChangedDate: created },
      now,
    );
    expect(window.latest).toEqual(new Date("2025-06-01T03:14:20.999Z"));
  });

  it("dates the move by LastChangedDate when the event was stamped in the next second, so a deployment forced just after counts as after it", () => {
    const putAt = new Date("2025-06-01T03:14:19.998Z");
    const window = deriveCutoverWindow(
      { time: at, timing: "at-cutover", versionId: current },
      { currentVersionId: current, currentCreatedDate: putAt, lastChangedDate: putAt },
      now,
    );
    expect(window).toEqual({ earliest: putAt, latest: putAt, source: "event" });
    const forcedAt = new Date("2025-06-01T03:14:20.200Z");
    expect(forcedAt > window.latest).toBe(true);
  });

  it("starts that window at the second of LastChangedDate when the version was created long before (a label moved by hand)", () => {
    const movedAt = new Date("2025-06-01T03:14:19.871Z");
    const window = deriveCutoverWindow(
      { time: at, timing: "at-cutover", versionId: current },
      { ...evidence, lastChangedDate: movedAt },
      now,
    );
    expect(window).toEqual({
      earliest: new Date("2025-06-01T03:14:19Z"),
      latest: movedAt,
      source: "event",
    });
  });

  it("falls back to CreatedDate..LastChangedDate without an event", () => {
    expect(deriveCutoverWindow(null, evidence, now)).toEqual({
      earliest: created,
      latest: changed,
      source: "api-bounds",
    });
  });

  it("ignores an event about a version that is no longer AWSCURRENT", () => {
    const stale = { time: at, timing: "at-cutover" as const, versionId: "another-version" };
    expect(deriveCutoverWindow(stale, evidence, now).source).toBe("api-bounds");
  });

  it("does not trust RotateSecret's time, which precedes the cut-over", () => {
    const before = {
      time: new Date("2025-06-01T03:14:04Z"),
      timing: "before-cutover" as const,
      versionId: current,
    };
    expect(deriveCutoverWindow(before, evidence, now)).toEqual({
      earliest: created,
      latest: changed,
      source: "api-bounds",
    });
  });

  it("uses the epoch and now when Secrets Manager gives no dates", () => {
    expect(deriveCutoverWindow(null, { currentVersionId: current }, now)).toEqual({
      earliest: new Date(0),
      latest: now,
      source: "api-bounds",
    });
  });

  it("never returns a window whose latest precedes its earliest", () => {
    const skewed = { currentVersionId: current, currentCreatedDate: changed, lastChangedDate: created };
    const window = deriveCutoverWindow(null, skewed, now);
    expect(window.latest).toEqual(window.earliest);
  });

  it("bounds RotationSucceeded's window by LastChangedDate, so a deployment forced in between counts as after it", () => {
    const moved = new Date("2025-06-01T03:14:20.412Z");
    const window = deriveCutoverWindow(
      { time: new Date("2025-06-01T03:14:21Z"), timing: "after-cutover", versionId: null },
      { ...evidence, lastChangedDate: moved },
      now,
    );
    expect(window.latest).toEqual(moved);
  });

  it("ignores a delayed event older than the current version, which describes an earlier rotation", () => {
    const olderRotation = {
      time: new Date("2025-06-01T03:00:01Z"),
      timing: "after-cutover" as const,
      versionId: null,
    };
    expect(deriveCutoverWindow(olderRotation, evidence, now)).toEqual({
      earliest: created,
      latest: changed,
      source: "api-bounds",
    });
  });

  it("takes LastRotatedDate as the upper bound when it belongs to this version, so a later tag edit does not widen the window", () => {
    const rotated = new Date("2025-06-01T03:14:21.118Z");
    const taggedLater = new Date("2025-06-20T09:00:00Z");
    const window = deriveCutoverWindow(
      null,
      { ...evidence, lastChangedDate: taggedLater, lastRotatedDate: rotated },
      now,
    );
    expect(window).toEqual({ earliest: created, latest: rotated, source: "api-bounds" });
  });

  it("ignores a LastRotatedDate older than the current version (a later manual put)", () => {
    const rotatedBefore = new Date("2025-05-01T00:00:00Z");
    const window = deriveCutoverWindow(null, { ...evidence, lastRotatedDate: rotatedBefore }, now);
    expect(window.latest).toEqual(changed);
  });
});
