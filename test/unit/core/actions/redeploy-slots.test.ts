import { describe, expect, it } from "vitest";
import { cappedNote, countInFlight, redeploySlots } from "../../../../lambda/core/actions/redeploy-slots.js";
import { aDeployment, aService, cutover } from "../builders.js";

const secondsAfter = (seconds: number) => new Date(cutover.getTime() + seconds * 1000);
const before = new Date(cutover.getTime() - 60_000);

describe("redeploySlots", () => {
  it("leaves the cap less the deployments in flight", () => {
    expect(redeploySlots(2, 0)).toBe(2);
    expect(redeploySlots(2, 1)).toBe(1);
    expect(redeploySlots(25, 24)).toBe(1);
  });

  it("never goes below zero when more than the cap is in flight (an operator's deployments count too)", () => {
    expect(redeploySlots(2, 2)).toBe(0);
    expect(redeploySlots(2, 5)).toBe(0);
    expect(redeploySlots(0, 0)).toBe(0);
  });
});

describe("countInFlight", () => {
  it("counts services rolling a deployment created after the cut-over", () => {
    const rolling = aService({
      serviceName: "a",
      deployments: [
        aDeployment({ id: "new", createdAt: secondsAfter(5), rolloutState: "IN_PROGRESS" }),
        aDeployment({ id: "old", status: "ACTIVE", createdAt: before }),
      ],
    });
    const done = aService({
      serviceName: "b",
      deployments: [aDeployment({ id: "new", createdAt: secondsAfter(5), rolloutState: "COMPLETED" })],
    });
    const untouched = aService({ serviceName: "c", deployments: [aDeployment({ createdAt: before })] });
    expect(countInFlight([rolling, done, untouched], cutover)).toBe(1);
  });

  it("does not count a deployment still rolling that began before the cut-over", () => {
    const service = aService({
      deployments: [aDeployment({ createdAt: before, rolloutState: "IN_PROGRESS" })],
    });
    expect(countInFlight([service], cutover)).toBe(0);
  });

  it("counts a PRIMARY created after the cut-over that is not yet alone when ECS reports no rolloutState", () => {
    const draining = aService({
      deployments: [
        aDeployment({ id: "new", createdAt: secondsAfter(5), rolloutState: undefined }),
        aDeployment({ id: "old", status: "ACTIVE", createdAt: before, rolloutState: undefined }),
      ],
    });
    const alone = aService({
      deployments: [aDeployment({ id: "new", createdAt: secondsAfter(5), rolloutState: undefined })],
    });
    expect(countInFlight([draining, alone], cutover)).toBe(1);
  });
});

describe("cappedNote", () => {
  it("says a capped service is forced as earlier deployments complete while the follow-up window is open", () => {
    const note = cappedNote({ cap: 2, inFlight: 0, forcedByRun: 2, followUpMinutesLeft: 59 });
    expect(note).toContain("cap of 2");
    expect(note).toContain("forced as earlier deployments complete");
    expect(note).toContain("59 min");
  });

  it("points at the sweep once the window has closed", () => {
    const note = cappedNote({ cap: 2, inFlight: 2, forcedByRun: 0, followUpMinutesLeft: 0 });
    expect(note).toContain("next sweep");
    expect(note).not.toContain("as earlier deployments complete:");
  });

  it("says nobody will force it when the cap is 0", () => {
    expect(cappedNote({ cap: 0, inFlight: 0, forcedByRun: 0, followUpMinutesLeft: 60 })).toContain(
      "redeploy it yourself",
    );
  });
});
