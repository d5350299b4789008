import {
  DescribeSecretCommand,
  PutSecretValueCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import type { HandlerResult } from "../../../lambda/core/handle-event.js";
import type { RunReport } from "../../../lambda/core/report/report.js";
import { type Harness, startHarness } from "../scenarios/scenario-harness.js";
import { createServices, leaveTaskStartSecond } from "../scenarios/scenario-operator.js";
import { ref, servicesScenario } from "./verdict-scenarios.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** A timestamps-only consumer (no probe path): only the cut-over window decides its tasks. */
const ledger = servicesScenario([
  {
    name: "ledger",
    probed: false,
    containers: [
      {
        name: "app",
        image: "sample/jwt-api:jose",
        port: 8080,
        secrets: [{ name: "JWT_SECRET", valueFrom: ref("prod/jwt") }],
      },
    ],
  },
]);

async function invoke(current: Harness, event: unknown): Promise<RunReport> {
  const record = await current.verifier.lambda.invoke(event);
  if (!record.ok) throw new Error(`the invocation failed: ${JSON.stringify(record)}`);
  const [report] = (record.result as HandlerResult).reports;
  if (!report) throw new Error("the invocation returned no report");
  return report;
}

async function versions(current: Harness): Promise<{ arn: string; current: string }> {
  const described = await current.secrets.send(new DescribeSecretCommand({ SecretId: "prod/jwt" }));
  const id = Object.entries(described.VersionIdsToStages ?? {}).find(([, stages]) =>
    stages.includes("AWSCURRENT"),
  )?.[0];
  if (!described.ARN || !id) throw new Error("prod/jwt has no AWSCURRENT");
  return { arn: described.ARN, current: id };
}

/** `Secret Label Updated` for AWSCURRENT, as EventBridge delivers it, at `time`. */
function labelUpdated(arn: string, versionId: string, time: Date) {
  return {
    version: "0",
    id: `replayed-${time.getTime()}`,
    "detail-type": "Secret Label Updated",
    source: "aws.secretsmanager",
    account: "123456789012",
    time: `${time.toISOString().slice(0, 19)}Z`,
    region: "eu-west-1",
    resources: [arn],
    detail: { name: "prod/jwt", labelUpdated: "AWSCURRENT", versionId },
  };
}

describe("verdicts: a cut-over that metadata cannot move and old or future events cannot fake", () => {
  it("keeps the cut-over at the recorded move after tag edits (row 5)", async () => {
    harness = await startHarness({
      secrets: [{ Name: "prod/jwt", SecretString: "edit-old-key-000000000000000001" }],
      clusters: [{ clusterName: "prod" }],
    });
    await harness.secrets.send(
      new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: "edit-new-key-000000000000000002" }),
    );
    const moved = Date.now();
    await createServices(harness.ecs, ledger);
    await harness.fleet.waitForSteadyState("prod", "ledger");
    await harness.settle();
    const { arn } = await versions(harness);
    await harness.secrets.send(
      new TagResourceCommand({ SecretId: arn, Tags: [{ Key: "team", Value: "payments" }] }),
    );
    await harness.secrets.send(new UntagResourceCommand({ SecretId: arn, TagKeys: ["team"] }));
    await harness.secrets.send(
      new TagResourceCommand({ SecretId: arn, Tags: [{ Key: "owner", Value: "ops" }] }),
    );
    const described = await harness.secrets.send(new DescribeSecretCommand({ SecretId: arn }));
    expect(described.LastChangedDate?.getTime()).toBeGreaterThan(moved + 500);

    const report = await invoke(harness, { secretId: "prod/jwt" });
    expect(report.cutoverSource).toBe("cloudtrail");
    expect(Math.abs(Date.parse(report.cutover) - moved)).toBeLessThan(2000);
    const entry = report.services.find((service) => service.service === "ledger");
    expect([entry?.verdict, entry?.action]).toEqual(["converged", "none"]);
    expect(entry?.tasks.length).toBeGreaterThan(0);
    for (const task of entry?.tasks ?? []) {
      expect(task.verdict).toBe("current");
      expect(task.reason).toContain("created after the cut-over");
    }
    expect(harness.forcedDeployments()).toEqual([]);
  });

  it("places the cut-over at the hand move back, not at a replayed old event for that version (row 7)", async () => {
    harness = await startHarness(
      {
        secrets: [{ Name: "prod/jwt", SecretString: "back-first-key-00000000000000001" }],
        clusters: [{ clusterName: "prod" }],
      },
      { config: { VERIFIER_DRY_RUN: "true" } },
    );
    const first = await versions(harness);
    const created = new Date();
    await harness.secrets.send(
      new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: "back-second-key-0000000000000002" }),
    );
    const second = await versions(harness);
    await createServices(harness.ecs, ledger);
    await harness.fleet.waitForSteadyState("prod", "ledger");
    await harness.settle();
    await leaveTaskStartSecond(harness.fleet, "ledger");
    // By hand, AWSCURRENT goes back to the first version: the ledger's tasks hold the second.
    await harness.secrets.send(
      new UpdateSecretVersionStageCommand({
        SecretId: "prod/jwt",
        VersionStage: "AWSCURRENT",
        MoveToVersionId: first.current,
        RemoveFromVersionId: second.current,
      }),
    );
    const movedBack = Date.now();
    await harness.settle();

    const report = await invoke(harness, labelUpdated(first.arn, first.current, created));
    expect(report.cutoverSource).toBe("cloudtrail");
    expect(Math.abs(Date.parse(report.cutover) - movedBack)).toBeLessThan(2000);
    const entry = report.services.find((service) => service.service === "ledger");
    expect(entry?.tasks).toHaveLength(2);
    expect([entry?.verdict, entry?.action]).toEqual(["redeploy", "dry-run"]);
    for (const task of entry?.tasks ?? []) {
      expect(task.verdict).toBe("stale");
      expect(task.reason).toContain("started before the cut-over");
    }
    expect(harness.forcedDeployments()).toEqual([]);
  });

  it("ignores an event dated in the future (row 10)", async () => {
    harness = await startHarness({
      secrets: [{ Name: "prod/jwt", SecretString: "future-key-00000000000000000001" }],
      clusters: [{ clusterName: "prod" }],
      ...ledger,
    });
    const { arn, current } = await versions(harness);
    const inAnHour = new Date(Date.now() + 60 * 60 * 1000);

    const report = await invoke(harness, labelUpdated(arn, current, inAnHour));
    expect(Date.parse(report.cutover)).toBeLessThan(Date.now());
    expect(report.cutoverSource).not.toBe("event");
    const entry = report.services.find((service) => service.service === "ledger");
    expect([entry?.verdict, entry?.action]).toEqual(["converged", "none"]);
    expect(entry?.tasks.map((task) => task.verdict)).toEqual(["current", "current"]);
    expect(harness.forcedDeployments()).toEqual([]);
  });
});
