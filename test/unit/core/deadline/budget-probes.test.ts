import { describe, expect, it } from "vitest";
import { budgetProbes, probeDeadline } from "../../../../lambda/core/deadline/budget-probes.js";
import type { ProbePort, ProbeRequest } from "../../../../lambda/core/ports.js";

const request: ProbeRequest = {
  url: "http://127.0.0.1:8080/auth",
  authorization: "Bearer t",
  timeoutMs: 2000,
};
const at = (ms: number) => ({ now: () => new Date(ms) });

function recordingPort() {
  const sent: ProbeRequest[] = [];
  const released: string[] = [];
  const port: ProbePort = {
    probe: async (sentRequest) => {
      sent.push(sentRequest);
      return { status: "accepted", httpStatus: 200 };
    },
    release: (url) => released.push(url),
  };
  return { port, sent, released };
}

describe("budgetProbes", () => {
  it("cuts a probe's timeout to the time left and passes connection release through", async () => {
    const { port, sent, released } = recordingPort();
    const budgeted = budgetProbes(port, at(0), new Date(500));
    await budgeted.probe.probe(request);
    budgeted.probe.release?.(request.url);
    expect(sent.map((item) => item.timeoutMs)).toEqual([500]);
    expect(released).toEqual([request.url]);
  });

  it("sends nothing once the budget is spent, and counts what it declined", async () => {
    const { port, sent } = recordingPort();
    const budgeted = budgetProbes(port, at(1_000), new Date(1_010));
    await expect(budgeted.probe.probe(request)).resolves.toMatchObject({ status: "skipped" });
    expect(sent).toEqual([]);
    expect(budgeted.declined()).toBe(1);
  });

  it("allows a task's security probes only while the budget left covers them, and counts the tasks it skipped", () => {
    let now = 0;
    const budgeted = budgetProbes(recordingPort().port, { now: () => new Date(now) }, new Date(1_000));
    expect(budgeted.securityProbesAllowed(400)).toBe(true);
    now = 600;
    expect(budgeted.securityProbesAllowed(400)).toBe(true);
    now = 601;
    expect(budgeted.securityProbesAllowed(400)).toBe(false);
    expect(budgeted.securitySkipped()).toBe(1);
  });

  it("keeps a fifth of the time left for acting and reporting, at least 1 s", () => {
    expect(probeDeadline(at(0), new Date(100_000))?.getTime()).toBe(80_000);
    expect(probeDeadline(at(0), new Date(2_000))?.getTime()).toBe(1_000);
    expect(probeDeadline(at(0), undefined)).toBeUndefined();
  });
});
