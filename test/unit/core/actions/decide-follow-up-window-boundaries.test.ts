import { describe, expect, it } from "vitest";
import { decideFollowUp, followUpMinutesLeft } from "../../../../lambda/core/actions/decide-follow-up.js";

const cutover = new Date("2025-06-01T03:14:20.999Z");
const at = (ms: number) => new Date(cutover.getTime() + ms);
const minute = 60_000;
/** A completed deployment of orders-api created `createdAfterMs` after the cut-over. */
const completed = (createdAfterMs: number, followUpWindowMs?: number) => ({
  serviceFilter: { cluster: "orders-prod", serviceName: "orders-api" },
  triggeringDeployment: {
    id: "ecs-svc/7250134588163391826",
    state: "COMPLETED" as const,
    createdAt: at(createdAfterMs),
  },
  ...(followUpWindowMs === undefined ? {} : { followUpWindowMs }),
});

describe("decideFollowUp: the follow-up window's edges", () => {
  it("follows up a run at the cut-over's very instant (ECS's clock a little ahead of the run's)", () => {
    const decision = decideFollowUp(completed(1_000), cutover, cutover);
    expect(decision.kind).toBe("follow-up");
    if (decision.kind !== "follow-up") return;
    expect(decision.reason).toContain("within 60 min of the cut-over (0 min after it)");
  });

  it("follows up a run exactly as the window closes: the window's end is inside it", () => {
    const decision = decideFollowUp(completed(minute), cutover, at(60 * minute));
    expect(decision.kind).toBe("follow-up");
    if (decision.kind !== "follow-up") return;
    expect(decision.reason).toContain("within 60 min of the cut-over (60 min after it)");
    expect(decideFollowUp(completed(minute), cutover, at(60 * minute + 1)).kind).toBe("service-only");
  });

  it("stays service-only for a run before the cut-over's latest end, even with a deployment dated after it", () => {
    expect(decideFollowUp(completed(1_000), cutover, at(-1)).kind).toBe("service-only");
  });

  it("stays service-only with the window set to 0, even at the cut-over's very instant", () => {
    expect(decideFollowUp(completed(1_000, 0), cutover, cutover).kind).toBe("service-only");
  });
});

describe("followUpMinutesLeft: never a negative count, and 0 when the window is off", () => {
  it("says 0 minutes, not a negative count, once the window has closed", () => {
    expect(followUpMinutesLeft({}, cutover, at(70 * minute))).toBe(0);
    expect(followUpMinutesLeft({ followUpWindowMs: 10 * minute }, cutover, at(10 * minute + 30_000))).toBe(0);
  });

  it("says 0 minutes with the window off, even for a run before the cut-over's latest end", () => {
    expect(followUpMinutesLeft({ followUpWindowMs: 0 }, cutover, at(-2 * minute))).toBe(0);
  });
});
