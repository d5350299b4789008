import { describe, expect, it } from "vitest";
import type { CutoverMove } from "../../../../lambda/core/secret/cutover-history.js";
import { deriveCutoverWindow } from "../../../../lambda/core/secret/cutover-window.js";

/**
 * The edges of what `deriveCutoverWindow` believes, to the millisecond: how far ahead of the clock an
 * event may be stamped (5 minutes of skew), an event no older than the current version, a recorded
 * move no later than the event, a RotateSecret event that never bounds the window, and which of
 * LastChangedDate and LastRotatedDate ends the API window.
 */
const current = "c0b1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e";
const created = new Date("2025-06-01T03:14:07.412Z");
const changed = new Date("2025-06-01T03:14:21.118Z");
const evidence = { currentVersionId: current, currentCreatedDate: created, lastChangedDate: changed };
const now = new Date("2025-06-01T03:15:00Z");
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const fiveMinutes = 5 * 60 * 1000;

describe("deriveCutoverWindow: an event stamped ahead of the clock", () => {
  // No LastChangedDate: the API upper bound is `now`, before the event, so only the event dates the move.
  const undated = { currentVersionId: current, currentCreatedDate: created };
  const atCutover = (time: Date) => ({ time, timing: "at-cutover" as const, versionId: current });

  it("believes an event stamped a minute ahead of the clock (skew between services)", () => {
    const ahead = at(now, 60_000);
    expect(deriveCutoverWindow(atCutover(ahead), undated, now)).toEqual({
      earliest: ahead,
      latest: at(ahead, 999),
      source: "event",
    });
  });

  it("believes an event stamped exactly 5 minutes ahead, and not one a second later", () => {
    const edge = at(now, fiveMinutes);
    expect(deriveCutoverWindow(atCutover(edge), undated, now)).toEqual({
      earliest: edge,
      latest: at(edge, 999),
      source: "event",
    });
    expect(deriveCutoverWindow(atCutover(at(edge, 1000)), undated, now)).toEqual({
      earliest: created,
      latest: now,
      source: "api-bounds",
    });
  });
});

describe("deriveCutoverWindow: an event no older than the current version", () => {
  it("uses an event dated at the very millisecond the current version was created", () => {
    const window = deriveCutoverWindow(
      { time: created, timing: "at-cutover", versionId: current },
      evidence,
      now,
    );
    expect(window).toEqual({ earliest: created, latest: created, source: "event" });
  });
});

describe("deriveCutoverWindow: an event beside a move CloudTrail recorded", () => {
  const move = (time: Date): CutoverMove => ({
    versionId: current,
    time,
    eventName: "UpdateSecretVersionStage",
  });

  it("keeps the event's window when the recorded move is the one the event reports (same second)", () => {
    const second = new Date("2025-06-01T03:14:20Z");
    const window = deriveCutoverWindow(
      { time: second, timing: "at-cutover", versionId: current },
      evidence,
      now,
      [move(second)],
    );
    expect(window).toEqual({ earliest: second, latest: at(second, 999), source: "event" });
  });

  it("keeps RotationSucceeded's upper bound when the move was recorded at its exact millisecond", () => {
    const succeeded = new Date("2025-06-01T03:14:20.412Z");
    const window = deriveCutoverWindow(
      { time: succeeded, timing: "after-cutover", versionId: null },
      evidence,
      now,
      [move(succeeded)],
    );
    expect(window).toEqual({ earliest: created, latest: succeeded, source: "event-upper-bound" });
  });

  it("dates the cut-over by a move recorded after the event's second (a later move replaced it)", () => {
    const second = new Date("2025-06-01T03:14:20Z");
    const laterMove = new Date("2025-06-01T03:14:21Z");
    const window = deriveCutoverWindow(
      { time: second, timing: "at-cutover", versionId: current },
      evidence,
      now,
      [move(laterMove)],
    );
    expect(window).toEqual({ earliest: laterMove, latest: changed, source: "cloudtrail" });
  });
});

describe("deriveCutoverWindow: RotateSecret's event", () => {
  it("never takes RotateSecret, stamped in the second the version was created, as the upper bound", () => {
    const rotateSecret = new Date("2025-06-01T03:14:07Z");
    const window = deriveCutoverWindow(
      { time: rotateSecret, timing: "before-cutover", versionId: current },
      evidence,
      now,
    );
    expect(window).toEqual({ earliest: created, latest: changed, source: "api-bounds" });
  });
});

describe("deriveCutoverWindow: the API upper bound", () => {
  it("ends the window at LastChangedDate when the rotation's LastRotatedDate came after it", () => {
    const rotatedAfter = at(changed, 182);
    const window = deriveCutoverWindow(null, { ...evidence, lastRotatedDate: rotatedAfter }, now);
    expect(window).toEqual({ earliest: created, latest: changed, source: "api-bounds" });
  });

  it("takes a LastRotatedDate equal to the version's CreatedDate as this version's rotation", () => {
    const taggedLater = new Date("2025-06-20T09:00:00Z");
    const window = deriveCutoverWindow(
      null,
      { ...evidence, lastChangedDate: taggedLater, lastRotatedDate: created },
      now,
    );
    expect(window).toEqual({ earliest: created, latest: created, source: "api-bounds" });
  });
});
