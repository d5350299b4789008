import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import type { DeploymentRecord } from "../../../fleet/ecs/ecs-state.js";
import { acceptedKeys } from "../fleet/fleet-test-helpers.js";
import { type Harness, startHarness } from "../scenarios/scenario-harness.js";
import { serviceRecord } from "../scenarios/scenario-operator.js";
import { ref, servicesScenario } from "./verdict-scenarios.js";

const oldKey = "capped-old-signing-key-00000000001";
const newKey = "capped-new-signing-key-00000000002";
const services = ["svc-1", "svc-2", "svc-3", "svc-4"] as const;
const cap = 2;
/**
 * How long a task takes to start, so a forced deployment takes at least this long to complete. Both
 * tests need every run queued by the rotation (its two cut-over runs, and in the second test the
 * late events' runs too; the function runs one at a time) to end before the first forced deployment
 * completes. That is wall-clock work, 1-1.5 s on an idle machine: the margin must hold under load
 * (and stay well inside the 10 s the set-up waits for each service to reach a steady state).
 */
const taskStartDelayMs = 4000;
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** Four consumers of prod/jwt, each with tasks started before the rotation. */
const scenario = servicesScenario(
  services.map((name) => ({
    name,
    containers: [
      {
        name: "app",
        image: "sample/jwt-api:jose",
        port: 8080,
        secrets: [{ name: "JWT_SECRET", valueFrom: ref("prod/jwt") }],
      },
    ],
  })),
);

/** The most deployments created after `since` that were rolling at one moment, from the fleet's own history. */
function mostInFlight(deployments: readonly DeploymentRecord[]): number {
  const edges = deployments.flatMap((deployment) => [
    { at: deployment.createdAt, step: 1 },
    { at: deployment.finishedAt ?? Number.POSITIVE_INFINITY, step: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let current = 0;
  let most = 0;
  for (const edge of edges) {
    current += edge.step;
    most = Math.max(most, current);
  }
  return most;
}

describe("verdicts: nobody waits for the sweep because of the cap (row 6)", () => {
  it("forces the capped services as earlier forced deployments complete, never more than the cap in flight", {
    timeout: 90_000,
  }, async () => {
    harness = await startHarness(
      {
        secrets: [{ Name: "prod/jwt", SecretString: oldKey }],
        clusters: [{ clusterName: "prod" }],
        ...scenario,
      },
      // Tasks take 4 s to start: the rotation's two cut-over runs (CloudTrail PutSecretValue, then
      // Secret Label Updated) are over long before a forced deployment completes, so only a follow-up
      // can force the capped services.
      { config: { VERIFIER_MAX_REDEPLOYS_PER_RUN: String(cap) }, fleet: { taskStartDelayMs } },
    );
    const setupRuns = harness.reports().length;
    const rotatedAt = Date.now();
    await harness.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: newKey }));
    await harness.settle(60_000);

    const runs = harness.reports().slice(setupRuns);
    // The first event of the rotation (the fleet's CloudTrail PutSecretValue, or Secret Label Updated) runs first.
    const rotation = runs[0];
    expect(rotation?.trigger.kind).not.toBe("deployment-state-change");
    const actions = rotation?.services.map((service) => service.action).sort();
    expect(actions).toEqual(["capped", "capped", "forced-deployment", "forced-deployment"]);
    for (const service of rotation?.services.filter((entry) => entry.action === "capped") ?? [])
      expect(service.reason).toContain("It will be forced as earlier deployments complete");

    const capped = rotation?.services
      .filter((entry) => entry.action === "capped")
      .map((entry) => entry.service);
    const followUps = runs.filter((report) => report.trigger.followUp !== undefined);
    expect(followUps.length).toBeGreaterThan(0);
    for (const report of followUps) {
      expect(report.trigger.kind).toBe("deployment-state-change");
      expect(report.trigger.followUp).toMatch(
        /^Re-verifying the secret because deployment ecs-svc\/\S+ of service svc-\d, created after the cut-over, completed within 60 min of the cut-over/,
      );
      expect(report.services.map((service) => service.service).sort()).toEqual([...services]);
    }
    const forcedByFollowUps = followUps.flatMap((report) =>
      report.services.filter((entry) => entry.action === "forced-deployment").map((entry) => entry.service),
    );
    expect(forcedByFollowUps.sort()).toEqual(capped?.sort());

    const forced = services.flatMap((service) =>
      serviceRecord(harness?.fleet ?? never(), "prod", service).history.filter(
        (deployment) => deployment.createdAt >= rotatedAt,
      ),
    );
    expect(forced).toHaveLength(services.length);
    expect(forced.every((deployment) => deployment.rolloutState === "COMPLETED")).toBe(true);
    expect(mostInFlight(forced)).toBeLessThanOrEqual(cap);
    // The scenario's premise: every cut-over run was over before the first forced deployment completed.
    const cutoverRunsEnded = Math.max(
      ...runs
        .filter((report) => report.trigger.kind !== "deployment-state-change")
        .map((report) => Date.parse(report.finishedAt)),
    );
    expect(cutoverRunsEnded).toBeLessThan(
      Math.min(...forced.map((deployment) => deployment.finishedAt ?? 0)),
    );
    for (const service of services) {
      expect(harness.forcedDeployments(service)).toHaveLength(1);
      expect(harness.latestServiceReport(service)?.verdict).toBe("converged");
      const addresses = harness.fleet.runningTasks("prod", service).map((task) => task.address);
      expect(await acceptedKeys(addresses, oldKey, newKey)).toEqual(["new", "new"]);
    }
  });
});

describe("the cap across runs: late deployment events (issue 22)", () => {
  it("never forces past the cap when pre-rotation deployment events arrive after the rotation", {
    timeout: 90_000,
  }, async () => {
    harness = await startHarness(
      {
        secrets: [{ Name: "prod/jwt", SecretString: oldKey }],
        clusters: [{ clusterName: "prod" }],
        ...scenario,
      },
      // The late runs see both forced deployments rolling only if they end before one completes.
      { config: { VERIFIER_MAX_REDEPLOYS_PER_RUN: String(cap) }, fleet: { taskStartDelayMs } },
    );
    // The setup deployments' COMPLETED events, created before the rotation: delivered again below,
    // late, as a queue can deliver an event hours after it was sent.
    const lateEvents = harness.verifier.routed
      .filter((routed) => routed.rule === "EcsDeploymentStateChange")
      .map((routed) => routed.event);
    expect(lateEvents.length).toBeGreaterThanOrEqual(services.length);
    const setupRuns = harness.reports().length;
    const rotatedAt = Date.now();
    await harness.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: newKey }));
    for (const event of lateEvents) harness.verifier.lambda.invokeAsync(event);
    await harness.settle(60_000);

    const runs = harness.reports().slice(setupRuns);
    const lateRuns = runs.filter(
      (report) => lateEvents.some((event) => event.id === report.trigger.eventId) && !report.trigger.followUp,
    );
    expect(lateRuns.length).toBeGreaterThanOrEqual(services.length);
    // Each late run covered one service, yet counted the secret's forced deployments in flight.
    const cappedByLateRuns = lateRuns.flatMap((report) =>
      report.services.filter((entry) => entry.action === "capped"),
    );
    expect(cappedByLateRuns.length).toBeGreaterThan(0);
    for (const entry of cappedByLateRuns)
      expect(entry.reason).toMatch(/\(2 already rolling, 0 forced by this run\)/);

    const forced = services.flatMap((service) =>
      serviceRecord(harness?.fleet ?? never(), "prod", service).history.filter(
        (deployment) => deployment.createdAt >= rotatedAt,
      ),
    );
    expect(forced).toHaveLength(services.length);
    expect(mostInFlight(forced)).toBeLessThanOrEqual(cap);
    for (const service of services) {
      expect(harness.forcedDeployments(service)).toHaveLength(1);
      expect(harness.latestServiceReport(service)?.verdict).toBe("converged");
    }
  });
});

function never(): never {
  throw new Error("the harness stopped early");
}
