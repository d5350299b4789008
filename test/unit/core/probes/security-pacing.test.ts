import { describe, expect, it } from "vitest";
import { createSecurityPacing } from "../../../../lambda/core/probes/security-pacing.js";

/** Five tasks, two at a time; the first finished its verdict probes in 100 ms. */
function pacingWith(timeLeftMs: number) {
  const pacing = createSecurityPacing({ tasks: 5, concurrency: 2, timeLeftMs: () => timeLeftMs });
  pacing.finished(100);
  return pacing;
}

describe("security pacing", () => {
  it("sends every task's security probes inline when the run has no budget", () => {
    const pacing = createSecurityPacing({
      tasks: 1_000,
      concurrency: 1,
      timeLeftMs: () => Number.POSITIVE_INFINITY,
    });
    expect(pacing.inlineNow(10_000)).toBe(true);
  });

  it("goes inline while the budget covers its security probes and every unfinished task at twice its pace", () => {
    // Four tasks unfinished (one in flight, three to start): two rounds of 2 x 100 ms, plus 400 ms.
    expect(pacingWith(800).inlineNow(400)).toBe(true);
    expect(pacingWith(799).inlineNow(400)).toBe(false);
  });

  it("keeps deferring once a task had to wait, so a short budget's security probes are sampled in the pass", () => {
    let left = 599;
    const pacing = createSecurityPacing({ tasks: 4, concurrency: 2, timeLeftMs: () => left });
    pacing.finished(100);
    expect(pacing.inlineNow(400)).toBe(false);
    left = 10_000;
    pacing.finished(100);
    expect(pacing.inlineNow(400)).toBe(false);
  });
});
