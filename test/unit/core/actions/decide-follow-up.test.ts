import { describe, expect, it } from "vitest";
import {
  decideFollowUp,
  followUpMinutesLeft,
  widenToSecret,
} from "../../../../lambda/core/actions/decide-follow-up.js";
import type { VerificationRequest } from "../../../../lambda/core/intake/verification-request.js";

const cutover = new Date("2025-06-01T03:14:20.999Z");
const minutes = (n: number) => new Date(cutover.getTime() + n * 60_000);
const serviceFilter = { cluster: "orders-prod", serviceName: "orders-api" };
const completed = (createdAt: Date | null) => ({
  serviceFilter,
  triggeringDeployment: { id: "ecs-svc/7250134588163391826", state: "COMPLETED" as const, createdAt },
});

describe("decideFollowUp", () => {
  it("re-verifies the whole secret when a deployment created after the cut-over completes within the window", () => {
    const decision = decideFollowUp(completed(minutes(1)), cutover, minutes(7));
    expect(decision.kind).toBe("follow-up");
    if (decision.kind !== "follow-up") return;
    expect(decision.reason).toContain(
      "Re-verifying the secret because deployment ecs-svc/7250134588163391826",
    );
    expect(decision.reason).toContain("within 60 min of the cut-over");
  });

  it("stays service-only after the window (the sweep covers it; the benchmark's deployment event counts hold)", () => {
    expect(decideFollowUp(completed(minutes(1)), cutover, minutes(61)).kind).toBe("service-only");
    expect(
      decideFollowUp({ ...completed(minutes(1)), followUpWindowMs: 10 * 60_000 }, cutover, minutes(11)).kind,
    ).toBe("service-only");
  });

  it("stays service-only for a deployment created before or at the cut-over, or that ECS no longer lists", () => {
    expect(decideFollowUp(completed(new Date(cutover.getTime() - 1)), cutover, minutes(5)).kind).toBe(
      "service-only",
    );
    expect(decideFollowUp(completed(cutover), cutover, minutes(5)).kind).toBe("service-only");
    expect(decideFollowUp(completed(null), cutover, minutes(5)).kind).toBe("service-only");
  });

  it("stays service-only for a FAILED deployment, with the window set to 0, and for runs no deployment started", () => {
    const failed = {
      serviceFilter,
      triggeringDeployment: { id: "ecs-svc/1", state: "FAILED" as const, createdAt: minutes(1) },
    };
    expect(decideFollowUp(failed, cutover, minutes(5)).kind).toBe("service-only");
    expect(decideFollowUp({ ...completed(minutes(1)), followUpWindowMs: 0 }, cutover, minutes(2)).kind).toBe(
      "service-only",
    );
    expect(decideFollowUp({}, cutover, minutes(2)).kind).toBe("service-only");
  });

  it("widens the request to the whole secret and keeps the triggering deployment", () => {
    const request = { secretId: "prod/jwt", ...completed(minutes(1)) } as unknown as VerificationRequest;
    const widened = widenToSecret(request);
    expect(widened.serviceFilter).toBeUndefined();
    expect(widened.triggeringDeployment?.id).toBe("ecs-svc/7250134588163391826");
  });
});

describe("followUpMinutesLeft", () => {
  it("counts the minutes left in the window, and 0 once it closed or is off", () => {
    expect(followUpMinutesLeft({}, cutover, minutes(10))).toBe(50);
    expect(followUpMinutesLeft({}, cutover, minutes(60))).toBe(0);
    expect(followUpMinutesLeft({ followUpWindowMs: 0 }, cutover, minutes(0))).toBe(0);
  });
});
