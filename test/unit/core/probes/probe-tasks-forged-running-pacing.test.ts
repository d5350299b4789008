import { describe, expect, it } from "vitest";
import { budgetProbes } from "../../../../lambda/core/deadline/budget-probes.js";
import type { ProbeRequest } from "../../../../lambda/core/ports.js";
import type { ProbeContext, ProbeTarget } from "../../../../lambda/core/probes/probe-run.js";
import type { ProbeSettings } from "../../../../lambda/core/probes/probe-settings.js";
import { probeTasks } from "../../../../lambda/core/probes/probe-tasks.js";
import type { ProbeReport } from "../../../../lambda/core/report/report.js";
import type { TaskSnapshot } from "../../../../lambda/core/snapshots.js";
import { aTask } from "../builders.js";
import { createFakeProbe, createFakeSigner, createStepClock } from "../fake-ports.js";

const settings: ProbeSettings = { path: "/api/me", scheme: "http", optedOut: false, ignoredTags: [] };
const secret = { variable: "JWT_SECRET", container: "app", chosenBy: "only" } as const;

function target(host: string, task: Partial<TaskSnapshot> = {}): ProbeTarget {
  return {
    cluster: "prod",
    service: "orders",
    task: aTask({ taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/prod/${host}`, ...task }),
    settings,
    address: { kind: "resolved", host, port: 8080 },
    key: { kind: "applies", secret },
  };
}

/** The token kind a fake-signed request carries: `good`, `previous`, `none` or `wrong`. */
const kindOf = (request: ProbeRequest) => request.authorization.replace("Bearer ", "").split(".")[0];
const hostOf = (request: ProbeRequest) => new URL(request.url).hostname;

const baseContext = {
  signer: createFakeSigner({ previousMaterial: "old" }),
  secretString: "new",
  previousSecretString: "old",
  timeoutMs: 100,
  concurrency: 2,
  securityProbes: true,
};

describe("probeTasks", () => {
  it("marks each task with the forged tokens it accepted, each kind once, and only that task", async () => {
    const anyToken = "127.0.0.2";
    const probe = createFakeProbe((request): ProbeReport => {
      const accepts = hostOf(request) === anyToken || kindOf(request) === "good";
      return { status: accepts ? "accepted" : "rejected", httpStatus: accepts ? 200 : 401, url: request.url };
    });
    // The task that accepts anything is given twice: its findings are too, its mark lists each kind once.
    const targets = [target(anyToken), target("127.0.0.3"), target(anyToken)];
    const results = await probeTasks(
      { ...baseContext, probe, clock: createStepClock(new Date("2025-06-01T03:15:00Z")) },
      targets,
    );
    expect(results.findings.map((finding) => [finding.taskArn, finding.kind])).toEqual([
      [target(anyToken).task.taskArn, "accepts-alg-none"],
      [target(anyToken).task.taskArn, "accepts-wrong-key"],
      [target(anyToken).task.taskArn, "accepts-alg-none"],
      [target(anyToken).task.taskArn, "accepts-wrong-key"],
    ]);
    expect(results.byTask.get(target(anyToken).task.taskArn)?.acceptedForged).toEqual([
      "accepts-alg-none",
      "accepts-wrong-key",
    ]);
    expect(results.byTask.get(target("127.0.0.3").task.taskArn)).not.toHaveProperty("acceptedForged");
  });

  it.each(["PENDING", "DEACTIVATING", "STOPPED"])(
    "does not probe a %s task, and says why",
    async (lastStatus) => {
      const probe = createFakeProbe((request) => ({ status: "accepted", httpStatus: 200, url: request.url }));
      const stopping = target("127.0.0.2", { lastStatus });
      const results = await probeTasks(
        { ...baseContext, probe, clock: createStepClock(new Date("2025-06-01T03:15:00Z")) },
        [stopping],
      );
      expect(probe.requests).toEqual([]);
      expect(results.byTask.get(stopping.task.taskArn)).toEqual({
        status: "skipped",
        detail: `the task is ${lastStatus}`,
      });
    },
  );

  it("paces by each task's own verdict-probe time, not by the clock's reading", async () => {
    // A real clock reads about 1.75e12 ms: a task's verdict probes took 2 ms of it, not twice that.
    const start = Date.parse("2025-06-01T03:15:00Z");
    let now = start;
    const clock = { now: () => new Date(now) };
    const sent: { kind: string | undefined; host: string }[] = [];
    const released: string[] = [];
    const port = {
      async probe(request: ProbeRequest): Promise<ProbeReport> {
        now += 1;
        sent.push({ kind: kindOf(request), host: hostOf(request) });
        const good = kindOf(request) === "good";
        return { status: good ? "accepted" : "rejected", httpStatus: good ? 200 : 401, url: request.url };
      },
      release(url: string) {
        released.push(new URL(url).hostname);
      },
    };
    // 10 s of budget for 6 tasks of 2 ms verdict probes and 200 ms of security probes each: all inline.
    const budgeted = budgetProbes(port, clock, new Date(start + 10_000));
    const context: ProbeContext = {
      ...baseContext,
      probe: budgeted.probe,
      securityProbesAllowed: budgeted.securityProbesAllowed,
      probingTimeLeftMs: budgeted.timeLeftMs,
      clock,
    };
    const hosts = [2, 3, 4, 5, 6, 7].map((last) => `127.0.0.${last}`);
    await probeTasks(
      context,
      hosts.map((host) => target(host)),
    );
    for (const host of hosts)
      expect(sent.filter((request) => request.host === host).map((request) => request.kind)).toEqual([
        "good",
        "previous",
        "none",
        "wrong",
      ]);
    // Inline means one connection per task: no second one opened for a security pass.
    expect(released.sort()).toEqual(hosts);
    expect(sent.findIndex((request) => request.kind === "none")).toBeLessThan(2 * hosts.length);
  });
});
