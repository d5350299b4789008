import { afterEach, describe, expect, it } from "vitest";
import type { HandlerResult } from "../../../lambda/core/handle-event.js";
import type { Harness } from "../scenarios/scenario-harness.js";
import { expectNoLeak, faultFleet, seededRandom } from "./fault-run.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("a 200-task fleet with half of all ECS calls throttled", () => {
  it("returns a report covering every task within Lambda's default 5 minutes", {
    timeout: 120_000,
  }, async () => {
    // Without the follow-up window, each set-up deployment re-verifies its own service (10 tasks)
    // rather than all 200 twenty times over: the set-up settles in 3 s instead of 15 s. The row's
    // run is a direct invocation, which the window does not concern.
    harness = await faultFleet(20, 10, {
      lambdaTimeoutMs: 300_000,
      fleet: { random: seededRandom(1) },
      config: { VERIFIER_FOLLOW_UP_WINDOW_MINUTES: "0" },
    });
    const running = harness.fleet.runningTasks("prod").map((task) => task.taskArn);
    expect(running).toHaveLength(200);
    harness.fleet.faults.set("ecs.*", { throttleRate: 0.5 });
    const record = await harness.verifier.lambda.invoke({ secretId: "prod/jwt", dryRun: true });
    harness.fleet.faults.clear();
    expect(record.ok).toBe(true);
    expect(record.durationMs).toBeLessThan(300_000);
    const [report] = (record.result as HandlerResult).reports;
    const covered = new Set([
      ...(report?.services ?? []).flatMap((service) => service.tasks.map((task) => task.taskArn)),
      ...(report?.gaps ?? []).flatMap((gap) => gap.taskArns),
    ]);
    expect(running.filter((arn) => !covered.has(arn))).toEqual([]);
    const throttled = harness.fleet.callLog.entries({}).filter((entry) => entry.status === 400).length;
    expect(throttled).toBeGreaterThan(0);
    expectNoLeak(harness);
  });
});
