import { describe, expect, it } from "vitest";
import { budgetProbes } from "../../../../lambda/core/deadline/budget-probes.js";
import type { ProbeRequest } from "../../../../lambda/core/ports.js";
import type { ProbeTarget } from "../../../../lambda/core/probes/probe-run.js";
import { interleaveByService } from "../../../../lambda/core/probes/probe-security.js";
import type { ProbeSettings } from "../../../../lambda/core/probes/probe-settings.js";
import { probeTasks } from "../../../../lambda/core/probes/probe-tasks.js";
import type { ProbeReport } from "../../../../lambda/core/report/report.js";
import { aTask } from "../builders.js";
import { createFakeSigner } from "../fake-ports.js";

const settings: ProbeSettings = { path: "/api/me", scheme: "http", optedOut: false, ignoredTags: [] };
const secret = { variable: "JWT_SECRET", container: "app", chosenBy: "only" } as const;

function target(service: string, index: number): ProbeTarget {
  const host = `127.0.${service === "orders" ? 1 : 2}.${index + 1}`;
  return {
    cluster: "prod",
    service,
    task: aTask({ taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/prod/${service}-${index}` }),
    settings,
    address: { kind: "resolved", host, port: 8080 },
    key: { kind: "applies", secret },
  };
}

/** The token kind a fake-signed request carries: `good`, `previous`, `none` or `wrong`. */
const kindOf = (request: ProbeRequest) => request.authorization.replace("Bearer ", "").split(".")[0];

/**
 * A fleet where every request takes `stepMs` of a manual clock: accepts AWSCURRENT, rejects the
 * rest. Records each request's token kind and host in order.
 */
function timedFleet(stepMs: number) {
  let now = 0;
  const sent: { kind: string | undefined; host: string }[] = [];
  /** Connections closed, in order: the probe port's `release` per task URL. */
  const released: string[] = [];
  const clock = { now: () => new Date(now) };
  const probe = {
    async probe(request: ProbeRequest): Promise<ProbeReport> {
      now += stepMs;
      sent.push({ kind: kindOf(request), host: new URL(request.url).hostname });
      const good = kindOf(request) === "good";
      return { status: good ? "accepted" : "rejected", httpStatus: good ? 200 : 401, url: request.url };
    },
    release(url: string) {
      released.push(new URL(url).hostname);
    },
  };
  return { clock, probe, sent, released };
}

const context = (fleet: ReturnType<typeof timedFleet>, until?: Date) => {
  const budgeted = budgetProbes(fleet.probe, fleet.clock, until);
  return {
    budgeted,
    context: {
      probe: budgeted.probe,
      securityProbesAllowed: budgeted.securityProbesAllowed,
      probingTimeLeftMs: budgeted.timeLeftMs,
      signer: createFakeSigner({ previousMaterial: "old" }),
      clock: fleet.clock,
      secretString: "new",
      previousSecretString: "old",
      timeoutMs: 100,
      concurrency: 2,
      securityProbes: true,
    },
  };
};

const unique = <T>(value: T, index: number, values: readonly T[]) => values.indexOf(value) === index;

describe("probe order", () => {
  it("with time to spare, sends each task's security probes right after its verdict probes, on one connection", async () => {
    const fleet = timedFleet(1);
    const targets = [0, 1, 2].flatMap((index) => [target("orders", index), target("billing", index)]);
    const results = await probeTasks(context(fleet).context, targets);
    for (const host of new Set(fleet.sent.map((request) => request.host))) {
      const kinds = fleet.sent.filter((request) => request.host === host).map((request) => request.kind);
      expect(kinds).toEqual(["good", "previous", "none", "wrong"]);
    }
    expect(fleet.released.sort()).toEqual(
      fleet.sent
        .map((request) => request.host)
        .filter(unique)
        .sort(),
    );
    expect(results.findings).toEqual([]);
  });

  it("when the budget could not also cover them, sends every task's AWSCURRENT and control tokens before any security probe", async () => {
    const fleet = timedFleet(10);
    const targets = [0, 1, 2].flatMap((index) => [target("orders", index), target("billing", index)]);
    // 6 tasks x 2 verdict probes x 10 ms, 2 at a time, end at 120 ms; a task's security probes may
    // take 2 x 100 ms. With 360 ms, going inline after the first two tasks would leave too little for
    // the other four tasks' verdict probes at that pace, so every task waits for the security pass.
    await probeTasks(context(fleet, new Date(360)).context, targets);
    const kinds = fleet.sent.map((request) => request.kind);
    const firstSecurity = kinds.findIndex((kind) => kind === "none" || kind === "wrong");
    expect(firstSecurity).toBe(2 * targets.length);
    expect(kinds.slice(0, firstSecurity).sort()).toEqual([
      ...Array(targets.length).fill("good"),
      ...Array(targets.length).fill("previous"),
    ]);
    // The pass starts at 120 ms with 240 ms left: one round of two tasks, one of each service.
    const securityHosts = fleet.sent.slice(firstSecurity).map((request) => request.host);
    expect(new Set(securityHosts.map((host) => host.split(".")[2]))).toEqual(new Set(["1", "2"]));
  });

  it("skips the security probes that no longer fit the budget, across services, and each skipped task says so", async () => {
    const fleet = timedFleet(10);
    const services = ["orders", "billing"];
    const targets = services.flatMap((service) => [0, 1, 2, 3].map((index) => target(service, index)));
    // 8 tasks x 2 verdict probes x 10 ms end at 160 ms; a task's security probes need 2 x 100 ms:
    // with 370 ms, the first two tasks (concurrency 2) start theirs at 160 ms, none after 190 ms.
    const { budgeted, context: probing } = context(fleet, new Date(370));
    const results = await probeTasks(probing, targets);
    const reports = targets.map((item) => results.byTask.get(item.task.taskArn));
    expect(reports.every((report) => report?.status === "accepted")).toBe(true);
    const skipped = targets.filter((_, index) =>
      reports[index]?.detail?.includes("security probes skipped: the run's time budget is short"),
    );
    const probed = targets.filter((item) => !skipped.includes(item));
    expect(probed.map((item) => item.service).sort()).toEqual(["billing", "orders"]);
    expect(budgeted.securitySkipped()).toBe(skipped.length);
    expect(skipped).toHaveLength(6);
  });

  it("queues one task of each service in turn", () => {
    const items = [
      { target: { cluster: "c", service: "a" }, id: 1 },
      { target: { cluster: "c", service: "a" }, id: 2 },
      { target: { cluster: "c", service: "a" }, id: 3 },
      { target: { cluster: "c", service: "b" }, id: 4 },
    ];
    expect(interleaveByService(items).map((item) => item.id)).toEqual([1, 4, 2, 3]);
  });
});
