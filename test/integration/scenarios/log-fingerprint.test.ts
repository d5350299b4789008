import { UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { GetSecretValueCommand, RotateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { fingerprintKey } from "../../../lambda/core/probes/keys/key-fingerprint.js";
import { jwtScenario, type ServiceSpec, withAwsLogs } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const prefix = "key fingerprint:";
const initial = "worker-shared-key-before-rotation-0123456789";

/** A queue worker: no probe endpoint, its key injected at start, its fingerprint logged at start. */
function worker(name: string): ServiceSpec {
  return {
    name,
    image: "sample/worker:fingerprint",
    probePath: null,
    desiredCount: 0,
    tags: { "rollout-verifier:fingerprint-log": prefix },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the wall clock is just past a whole second, so the sequence below fits in one. */
async function startOfASecond(): Promise<void> {
  const ms = Date.now() % 1000;
  await sleep(1000 - ms + 5);
}

describe("fingerprint from logs: workers started inside the cut-over window, where timestamps cannot decide", () => {
  it("proves the worker that logged AWSPREVIOUS's fingerprint stale and the one that logged AWSCURRENT's current", async () => {
    const scenario = withAwsLogs(
      jwtScenario(
        [{ name: "prod/worker-key", value: initial }],
        [worker("worker-old"), worker("worker-new")],
      ),
      "/ecs/workers",
      "ecs",
    );
    harness = await startHarness(scenario, { fleet: { taskStartDelayMs: 250 } });
    const h = harness;
    const setupRuns = h.reports().length;
    const scale = (service: string) =>
      h.ecs.send(new UpdateServiceCommand({ cluster: "prod", service, desiredCount: 1 }));
    const running = (service: string) => h.fleet.runningTasks("prod", service).length === 1;

    await startOfASecond();
    // worker-old is created and starts (reading the key) before the move; worker-new is created
    // before the move and starts after it: both are created before and started after the second
    // the move's event is stamped with.
    await scale("worker-old");
    await h.fleet.waitFor(() => (running("worker-old") ? true : undefined), "worker-old running");
    await scale("worker-new");
    // The scheduler creates the task after UpdateService returns: rotate only once it exists (it
    // starts, reading the key, taskStartDelayMs later), so it is created before the move.
    await h.fleet.waitFor(
      () => [...h.fleet.ecs.tasks.values()].some((task) => task.group === "service:worker-new") || undefined,
      "worker-new's task created",
    );
    await h.secrets.send(new RotateSecretCommand({ SecretId: "prod/worker-key" }));
    const after =
      (await h.secrets.send(new GetSecretValueCommand({ SecretId: "prod/worker-key" }))).SecretString ?? "";
    await h.fleet.waitFor(() => (running("worker-new") ? true : undefined), "worker-new running");
    await h.settle();

    // Each worker as the first run after the move that found it started (worker-new may still be
    // PENDING when the move's own run looks, and is judged by the run its deployment event starts).
    const judged = (service: string) => {
      for (const report of h.reports().slice(setupRuns)) {
        const task = report.services.find((entry) => entry.service === service)?.tasks[0];
        if (task && task.verdict !== "pending") return { run: report, task };
      }
      throw new Error(`no run after the move judged ${service}`);
    };
    const { task: old, run: oldRun } = judged("worker-old");
    const { task: fresh, run: freshRun } = judged("worker-new");
    // The precondition: both tasks were created before their run's window closed and started after
    // it opened, so timestamps alone could not decide.
    for (const [task, run] of [
      [old, oldRun],
      [fresh, freshRun],
    ] as const) {
      expect(Date.parse(String(task.createdAt))).toBeLessThanOrEqual(Date.parse(run.cutover));
      expect(Date.parse(String(task.startedAt))).toBeGreaterThanOrEqual(
        Date.parse(String(run.cutoverEarliest)),
      );
    }
    expect(old).toMatchObject({ verdict: "stale", evidence: "log-fingerprint" });
    expect(old.probe.issuer?.[0]).toMatchObject({
      kind: "log",
      match: "previous",
      fingerprint: fingerprintKey(initial),
    });
    expect(fresh).toMatchObject({ verdict: "current", evidence: "log-fingerprint" });
    expect(fresh.probe.issuer?.[0]).toMatchObject({
      kind: "log",
      match: "current",
      fingerprint: fingerprintKey(after),
    });
    expect(h.forcedDeployments("worker-old")).toHaveLength(1);
    expect(h.forcedDeployments("worker-new")).toHaveLength(0);

    for (const text of [h.log(), JSON.stringify(h.reports())]) {
      expect(text).not.toContain(initial);
      expect(text).not.toContain(after);
    }
  });
});
