import { describe, expect, it } from "vitest";
import { renderStateChanges, type ServiceStates } from "../../../../cli/render/render-service-states.js";
import { createStyle } from "../../../../cli/render/style.js";
import { aReport, aService } from "../report-builder.js";

const plain = createStyle({ write: () => {}, isTTY: false }, {});
const at = new Date("2026-05-01T11:05:07Z");

describe("renderStateChanges", () => {
  it("prints each service once, then only when its state changes", () => {
    const states: ServiceStates = new Map();
    const rolling = aReport([
      aService("orders", "wait", ["current", "pending"], "Deployment ecs-svc/1 is still rolling."),
      aService("billing", "converged", ["current"], "Every task holds AWSCURRENT."),
    ]);
    expect(renderStateChanges(rolling, states, at, plain)).toEqual([
      "11:05:07  prod/orders  WAIT  1/2 tasks current (1 pending)  Deployment ecs-svc/1 is still rolling.",
      "11:05:07  prod/billing  CONVERGED  1/1 tasks current  Every task holds AWSCURRENT.",
    ]);
    expect(renderStateChanges(rolling, states, at, plain)).toEqual([]);
    const done = aReport([
      aService("orders", "converged", ["current", "current"], "Every task holds AWSCURRENT."),
    ]);
    expect(renderStateChanges(done, states, at, plain)).toEqual([
      "11:05:07  prod/orders  CONVERGED  2/2 tasks current  Every task holds AWSCURRENT.",
    ]);
  });

  it("shows a verdict it does not know as it comes", () => {
    const report = aReport([aService("orders", "inconclusive", ["unknown"], "No evidence.")]);
    expect(renderStateChanges(report, new Map(), at, plain)[0]).toContain(
      "INCONCLUSIVE  0/1 tasks current (1 unknown)",
    );
  });
});
