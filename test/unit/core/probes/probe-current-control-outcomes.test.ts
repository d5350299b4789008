import { describe, expect, it } from "vitest";
import type { ProbeOutcome, ProbeRequest } from "../../../../lambda/core/ports.js";
import type { ProbeTarget } from "../../../../lambda/core/probes/probe-run.js";
import type { ProbeSettings } from "../../../../lambda/core/probes/probe-settings.js";
import { probeTasks } from "../../../../lambda/core/probes/probe-tasks.js";
import { aTask } from "../builders.js";
import { createFakeProbe, createFakeSigner, createStepClock } from "../fake-ports.js";

const settings: ProbeSettings = { path: "/api/me", scheme: "http", optedOut: false, ignoredTags: [] };
const secret = { variable: "JWT_SECRET", container: "app", chosenBy: "only" } as const;
const url = "http://127.0.0.2:8080/api/me";
const target: ProbeTarget = {
  cluster: "prod",
  service: "orders",
  task: aTask({ taskArn: "arn:aws:ecs:eu-west-1:123456789012:task/prod/t1" }),
  settings,
  address: { kind: "resolved", host: "127.0.0.2", port: 8080 },
  key: { kind: "applies", secret },
};

/** Probes the one task, AWSPREVIOUS present and different: `current` answers the AWSCURRENT token, `previous` the control. */
async function probeWith(current: ProbeOutcome, previous: ProbeOutcome) {
  const probe = createFakeProbe((request: ProbeRequest) =>
    request.authorization.startsWith("Bearer previous.") ? previous : current,
  );
  const results = await probeTasks(
    {
      probe,
      signer: createFakeSigner({ previousMaterial: "old" }),
      clock: createStepClock(new Date("2025-06-01T03:15:00Z")),
      secretString: "new",
      previousSecretString: "old",
      timeoutMs: 1000,
      concurrency: 1,
      securityProbes: false,
    },
    [target],
  );
  return { report: results.byTask.get(target.task.taskArn), probe };
}

const accepted: ProbeOutcome = { status: "accepted", httpStatus: 200, url };
const rejected: ProbeOutcome = { status: "rejected", httpStatus: 401, url, appReason: "invalid signature" };

describe("the AWSCURRENT probe and its control token", () => {
  it.each([
    ["timeout", { status: "timeout", url, detail: "no answer within 1000 ms" }],
    ["error", { status: "error", url, detail: "probe failed: TypeError" }],
    ["unexpected", { status: "unexpected", httpStatus: 500, url }],
  ] as const)(
    "sends no control token when the AWSCURRENT probe ended %s: it decided nothing",
    async (_, first) => {
      const { report, probe } = await probeWith(first, accepted);
      expect(probe.requests.map((request) => request.authorization)).toEqual(["Bearer good.-|-"]);
      expect(report).toStrictEqual({ ...first, secret });
    },
  );

  it("calls a task that rejects both keys inconclusive, never a task that accepts the previous key", async () => {
    const { report } = await probeWith(rejected, rejected);
    expect(report).toStrictEqual({
      ...rejected,
      status: "inconclusive",
      secret,
      control: { status: "rejected", httpStatus: 401, appReason: "invalid signature" },
      acceptsPrevious: false,
    });
  });

  it("keeps the control's HTTP status and reason, and adds no empty ones", async () => {
    const stale = await probeWith(rejected, accepted);
    expect(stale.report?.status).toBe("rejected");
    expect(stale.report?.acceptsPrevious).toBe(true);
    expect(stale.report?.control).toStrictEqual({ status: "accepted", httpStatus: 200 });

    const noAnswer = await probeWith(rejected, { status: "timeout", url, detail: "no answer" });
    expect(noAnswer.report?.status).toBe("rejected");
    expect(noAnswer.report?.acceptsPrevious).toBe(false);
    // A control that got no answer proves nothing: status only, no `httpStatus`/`appReason` keys.
    expect(noAnswer.report?.control).toStrictEqual({ status: "timeout" });
  });
});
