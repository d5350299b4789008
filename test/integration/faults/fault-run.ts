import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { expect } from "vitest";
import type { InvocationRecord } from "../../../fleet/lambda/local-lambda.js";
import type { OperationFault } from "../../../fleet/server-faults.js";
import type { HandlerResult } from "../../../lambda/core/handle-event.js";
import type { RunReport } from "../../../lambda/core/report/report.js";
import { jwtScenario, type ServiceSpec } from "../scenarios/scenario-builders.js";
import { type Harness, type HarnessOptions, startHarness } from "../scenarios/scenario-harness.js";

/** The old and new values of the fault suite's secret: neither may appear in any output. */
export const oldValue = "fault-suite-old-signing-key-00000001";
export const newValue = "fault-suite-new-signing-key-00000002";

/** `count` services of `tasks` tasks each, all reading `prod/jwt`, probed at their own address. */
export function faultFleet(
  count: number,
  tasks: number,
  options: HarnessOptions = {},
  extra: readonly ServiceSpec[] = [],
): Promise<Harness> {
  const services: ServiceSpec[] = Array.from({ length: count }, (_, index) => ({
    name: `svc-${index}`,
    image: "sample/jwt-api:jose",
    desiredCount: tasks,
  }));
  return startHarness(jwtScenario([{ name: "prod/jwt", value: oldValue }], [...services, ...extra]), {
    lambdaTimeoutMs: 60_000,
    ...options,
  });
}

/** What one faulted rotation left: the report of the run it triggered and the tasks running before it. */
export interface FaultOutcome {
  readonly report: RunReport | undefined;
  readonly runningBefore: readonly string[];
  readonly since: number;
}

/**
 * Sets the faults, rotates the secret (the fleet's event invokes the verifier, as EventBridge
 * would), and returns the report of the rotation's own run (its first attempt) once the fleet and
 * the verifier are quiet. The faults hold for that first invocation (`first-run`), or until everything
 * settled, Lambda's retries included (`settled`).
 */
export async function rotateUnder(
  harness: Harness,
  faults: Readonly<Record<string, OperationFault>>,
  settleMs = 60_000,
  faultsLast: "first-run" | "settled" = "first-run",
): Promise<FaultOutcome> {
  const setupInvocations = harness.verifier.lambda.invocations.length;
  const runningBefore = harness.fleet.runningTasks("prod").map((task) => task.taskArn);
  for (const [key, fault] of Object.entries(faults)) harness.fleet.faults.set(key, fault);
  const since = Date.now();
  await harness.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: newValue }));
  if (faultsLast === "first-run")
    await harness.fleet.waitFor(
      () => harness.verifier.lambda.invocations[setupInvocations],
      "the rotation's run ends",
      { timeoutMs: settleMs },
    );
  else await harness.settle(settleMs);
  harness.fleet.faults.clear();
  await harness.settle(settleMs);
  return {
    report: rotationReport(harness.verifier.lambda.invocations[setupInvocations]),
    runningBefore,
    since,
  };
}

/**
 * The report of the rotation's own run: the first invocation after the set-up, which an event of
 * the rotation (source `aws.secretsmanager`) started. Read from that invocation's record, never by
 * position among all reports: a failed first attempt must not lend it the report of a later run.
 */
function rotationReport(record: InvocationRecord | undefined): RunReport | undefined {
  expect((record?.event as { source?: unknown } | undefined)?.source, "the rotation's run").toBe(
    "aws.secretsmanager",
  );
  if (!record?.ok) return undefined;
  const reports = (record.result as HandlerResult).reports ?? [];
  expect(reports, "one report: one secret rotated").toHaveLength(1);
  return reports[0];
}

/**
 * A seeded random source (mulberry32) for the fleet's fault injection: a faulted row draws the
 * same faults in the same order on every run, so a failure is reproducible from its seed.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every task that was running is in the report: under its service, or named by a gap. */
export function expectEveryTaskReported(outcome: FaultOutcome): void {
  const report = outcome.report;
  expect(report, "the faulted run returned a report").toBeDefined();
  const seen = new Set([
    ...(report?.services ?? []).flatMap((service) => service.tasks.map((task) => task.taskArn)),
    ...(report?.gaps ?? []).flatMap((gap) => gap.taskArns),
  ]);
  expect(outcome.runningBefore.filter((arn) => !seen.has(arn))).toEqual([]);
}

/** No service was forced twice, and every forced deployment is one the reports name. */
export function expectNoUnintendedDeployments(harness: Harness, outcome: FaultOutcome): void {
  const applied = harness.fleet.callLog
    .entries({ operation: "UpdateService" })
    // A throttled call (HTTP 400) never reached ECS's handler; only a call answered 200, or one whose
    // answer was lost or never came (status 0), may have applied a deployment.
    .filter(
      (entry) =>
        entry.at >= outcome.since &&
        entry.input.forceNewDeployment === true &&
        (entry.status === 200 || entry.status === 0),
    );
  const perService = new Map<string, number>();
  for (const entry of applied)
    perService.set(String(entry.input.service), (perService.get(String(entry.input.service)) ?? 0) + 1);
  expect([...perService.values()].filter((count) => count > 1)).toEqual([]);
}

/** Neither secret value reaches the log, a report or a returned error. */
export function expectNoLeak(harness: Harness): void {
  const outputs = [
    harness.log(),
    JSON.stringify(harness.reports()),
    JSON.stringify(harness.verifier.lambda.invocations.map((record) => record.errorMessage ?? "")),
  ].join("\n");
  expect(outputs).not.toContain(oldValue);
  expect(outputs).not.toContain(newValue);
  expect(outputs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
}

/** Every invocation ended on its own, inside the function's timeout. */
export function expectWithinBudget(harness: Harness, timeoutMs: number): void {
  const records = harness.verifier.lambda.invocations;
  expect(
    records.filter((record) => record.errorType === "Sandbox.Timedout" || record.durationMs >= timeoutMs),
  ).toEqual([]);
}
