import { describe, expect, it } from "vitest";
import { cappedNote, countInFlight } from "../../../../lambda/core/actions/redeploy-slots.js";
import { aDeployment, aService, cutover } from "../builders.js";

const secondsAfter = (seconds: number) => new Date(cutover.getTime() + seconds * 1000);
const before = new Date(cutover.getTime() - 60_000);

describe("countInFlight: which deployments hold a slot", () => {
  it("does not count a deployment created at the cut-over's very instant: it may predate the new value", () => {
    const atCutover = aService({
      deployments: [
        aDeployment({ id: "new", createdAt: new Date(cutover), rolloutState: "IN_PROGRESS" }),
        aDeployment({ id: "old", status: "ACTIVE", createdAt: before }),
      ],
    });
    expect(countInFlight([atCutover], cutover)).toBe(0);
  });

  it("counts a deployment ECS still reports IN_PROGRESS after the old one drained: rolloutState decides, not the count", () => {
    const settling = aService({
      deployments: [aDeployment({ id: "new", createdAt: secondsAfter(5), rolloutState: "IN_PROGRESS" })],
    });
    expect(countInFlight([settling], cutover)).toBe(1);
  });

  it("without rolloutState, counts a PRIMARY beside an older deployment and not a PRIMARY alone", () => {
    const draining = aService({
      deployments: [
        aDeployment({ id: "new", createdAt: secondsAfter(5), rolloutState: undefined }),
        aDeployment({ id: "old", status: "ACTIVE", createdAt: before, rolloutState: undefined }),
      ],
    });
    const alone = aService({
      deployments: [aDeployment({ id: "new", createdAt: secondsAfter(5), rolloutState: undefined })],
    });
    expect(countInFlight([draining], cutover)).toBe(1);
    expect(countInFlight([alone], cutover)).toBe(0);
  });
});

describe("cappedNote: what a capped service is told comes next", () => {
  it("points at the sweep, even with the follow-up window open, when nothing is in flight or forced to complete", () => {
    expect(cappedNote({ cap: 2, inFlight: 0, forcedByRun: 0, followUpMinutesLeft: 30 })).toBe(
      "Not forced: the cap of 2 forced deployment(s) in flight is reached (0 already rolling, 0 forced by this run). The next sweep forces it once earlier deployments complete.",
    );
  });
});
