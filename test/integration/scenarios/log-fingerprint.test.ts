import { UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { GetSecretValueCommand, RotateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { fingerprintKey } from "../../../lambda/core/probes/keys/key-fingerprint.js";
import type { RunReport, TaskReport } from "../../../lambda/core/report/report.js";
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

/** What one staging of the move left to judge: each worker's task and the run that judged it. */
interface Staged {
  h: Harness;
  after: string;
  old: Judged;
  fresh: Judged;
}
type Judged = { run: RunReport; task: TaskReport };

/**
 * Starts a fleet and stages the move: worker-old is created and starts (reading the key) before the
 * move, worker-new is created before it and starts after it, all inside the one second the move's
 * event is stamped with. On a loaded machine the sequence may not fit in that second; then the
 * tasks' timestamps alone decide, the scenario is not the one this test is about, and it answers
 * undefined (its fleet stopped) so the caller stages it again on a fresh fleet.
 */
async function stageTheMoveInOneSecond(): Promise<Staged | undefined> {
  const scenario = withAwsLogs(
    jwtScenario([{ name: "prod/worker-key", value: initial }], [worker("worker-old"), worker("worker-new")]),
    "/ecs/workers",
    "ecs",
  );
  const h = await startHarness(scenario, { fleet: { taskStartDelayMs: 250 } });
  harness = h;
  const setupRuns = h.reports().length;
  const scale = (service: string) =>
    h.ecs.send(new UpdateServiceCommand({ cluster: "prod", service, desiredCount: 1 }));
  const running = (service: string) => h.fleet.runningTasks("prod", service).length === 1;

  await startOfASecond();
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
  const judged = (service: string): Judged | undefined => {
    for (const run of h.reports().slice(setupRuns)) {
      const task = run.services.find((entry) => entry.service === service)?.tasks[0];
      if (task && task.verdict !== "pending") return { run, task };
    }
    return undefined;
  };
  const old = judged("worker-old");
  const fresh = judged("worker-new");
  if (!old || !fresh) throw new Error("no run after the move judged both workers");
  // Both tasks created before their run's window closed and started after it opened: timestamps
  // alone cannot decide. Otherwise the sequence overran its second.
  const insideWindow = ({ task, run }: Judged) =>
    Date.parse(String(task.createdAt)) <= Date.parse(run.cutover) &&
    Date.parse(String(task.startedAt)) >= Date.parse(String(run.cutoverEarliest));
  if (insideWindow(old) && insideWindow(fresh)) return { h, after, old, fresh };
  await h.stop();
  harness = undefined;
  return undefined;
}

describe("fingerprint from logs: workers started inside the cut-over window, where timestamps cannot decide", () => {
  it("proves the worker that logged AWSPREVIOUS's fingerprint stale and the one that logged AWSCURRENT's current", {
    timeout: 90_000,
  }, async () => {
    let staged: Staged | undefined;
    for (let attempt = 0; attempt < 3 && !staged; attempt += 1) staged = await stageTheMoveInOneSecond();
    // The precondition: one of three stagings fit in one second (each one that did not is redone).
    expect(staged, "the staging never fit inside one second").toBeDefined();
    if (!staged) return;
    const { h, after, old, fresh } = staged;
    expect(old.task).toMatchObject({ verdict: "stale", evidence: "log-fingerprint" });
    expect(old.task.probe.issuer?.[0]).toMatchObject({
      kind: "log",
      match: "previous",
      fingerprint: fingerprintKey(initial),
    });
    expect(fresh.task).toMatchObject({ verdict: "current", evidence: "log-fingerprint" });
    expect(fresh.task.probe.issuer?.[0]).toMatchObject({
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
