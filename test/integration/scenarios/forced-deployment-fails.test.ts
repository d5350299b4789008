import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { MetricName } from "../../../lambda/core/report/metric-names.js";
import { emfRecords, metricValues } from "./emf-records.js";
import { jwtScenario } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";
import { leaveTaskStartSecond, serviceRecord } from "./scenario-operator.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** One service reading `signingKey` from a JSON secret, with the circuit breaker on (threshold 2). */
function startBrokenRotation(rollback: boolean): Promise<Harness> {
  return startHarness(
    jwtScenario(
      [
        {
          name: "prod/app-config",
          value: JSON.stringify({ signingKey: "failing-old-signing-key-0000000001" }),
        },
      ],
      [
        {
          name: "orders",
          image: "sample/jwt-api:jose",
          valueFromSuffix: ":signingKey::",
          deploymentConfiguration: {
            minimumHealthyPercent: 100,
            maximumPercent: 200,
            deploymentCircuitBreaker: { enable: true, rollback },
          },
        },
      ],
    ),
    { fleet: { circuitBreakerMinThreshold: 2 } },
  );
}

/**
 * The new version drops the field the task definition reads: ECS cannot start a task with it. No
 * probe can be signed with it either, so the tasks are judged by timestamps alone: the move is made
 * in a later second than every task start, or a task started in the move's second is `unknown` and
 * nothing is forced (the premise of this scenario).
 */
async function rotateToBrokenValue(current: Harness): Promise<void> {
  await leaveTaskStartSecond(current.fleet, "orders");
  await current.secrets.send(
    new PutSecretValueCommand({
      SecretId: "prod/app-config",
      SecretString: JSON.stringify({ renamedKey: "failing-new-signing-key-0000000002" }),
    }),
  );
}

describe("scenario 10: the forced deployment cannot start its tasks", () => {
  it("reports the service failed, raises ServicesFailed, and never forces it a second time", async () => {
    harness = await startBrokenRotation(false);
    const { fleet } = harness;
    const setupRuns = harness.reports().length;
    const setupLog = harness.log().length;

    await rotateToBrokenValue(harness);
    await harness.settle();

    expect(harness.forcedDeployments("orders")).toHaveLength(1);
    const orders = serviceRecord(fleet, "prod", "orders");
    const forced = orders.history.at(-1);
    expect(orders.history).toHaveLength(2);
    expect(forced?.rolloutState).toBe("FAILED");
    expect(forced?.failedTasks).toBeGreaterThanOrEqual(2);
    // The old tasks keep serving: the failed deployment replaced none of them.
    expect(fleet.runningTasks("prod", "orders")).toHaveLength(2);

    const runs = harness.reports().slice(setupRuns);
    const forcing = runs
      .flatMap((report) => report.services)
      .filter((entry) => entry.action === "forced-deployment");
    expect(forcing.map((entry) => entry.deploymentId)).toEqual([forced?.id]);
    const afterFailure = runs.filter((report) => report.trigger.kind === "deployment-state-change");
    expect(afterFailure.length).toBeGreaterThan(0);
    const latest = harness.latestServiceReport("orders");
    expect([latest?.verdict, latest?.action, latest?.deploymentId]).toEqual(["failed", "none", forced?.id]);
    expect(latest?.reason).toContain("will not force again");
    expect(runs.at(-1)?.totals.byServiceVerdict.failed).toBe(1);

    const records = emfRecords(harness.log().slice(setupLog));
    expect(metricValues(records, MetricName.servicesFailed)).toContain(1);

    // No loop: once settled, nothing more is routed or invoked while the fleet settles again (every
    // deployment ended, the verifier idle, twice in a row with nothing routed in between).
    const invocations = harness.verifier.lambda.invocations.length;
    const late: unknown[] = [];
    const stopListening = harness.verifier.lambda.onInvocation((record) => late.push(record));
    await harness.settle();
    stopListening();
    expect(late).toEqual([]);
    expect(harness.verifier.lambda.invocations).toHaveLength(invocations);
    expect(harness.forcedDeployments("orders")).toHaveLength(1);
  });

  it("reports a rolled-back forced deployment as failed and never forces again", async () => {
    harness = await startBrokenRotation(true);
    const current = harness;
    const setupRuns = current.reports().length;

    await rotateToBrokenValue(current);
    // The forced deployment fails and rolls back; the rollback reads the same broken secret and fails
    // too, and a failed rollback is not rolled back again: the fleet and the verifier settle.
    await current.settle();
    const history = serviceRecord(current.fleet, "prod", "orders").history;
    expect(history.slice(-2).map((deployment) => deployment.rolloutState)).toEqual(["FAILED", "FAILED"]);
    const failed = current.latestServiceReport("orders");
    expect(failed?.verdict).toBe("failed");
    expect(failed?.action).toBe("none");
    expect(current.forcedDeployments("orders")).toHaveLength(1);
    const runs = current.reports().slice(setupRuns);
    expect(
      runs.flatMap((report) => report.services).filter((entry) => entry.action === "forced-deployment"),
    ).toHaveLength(1);
    expect(runs.some((report) => report.services.some((entry) => entry.reason.includes("rolled back")))).toBe(
      true,
    );
  });
});
