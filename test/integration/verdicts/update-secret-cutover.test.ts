import { DescribeSecretCommand, UpdateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import type { HandlerResult } from "../../../lambda/core/handle-event.js";
import type { RunReport } from "../../../lambda/core/report/report.js";
import { type Harness, startHarness } from "../scenarios/scenario-harness.js";
import { leaveTaskStartSecond } from "../scenarios/scenario-operator.js";
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

const secondOf = (ms: number) => Math.floor(ms / 1000) * 1000;

describe("verdicts: a cut-over made with UpdateSecret", () => {
  it("dates it from CloudTrail at the UpdateSecret that gave a value, not a later metadata-only one", async () => {
    harness = await startHarness(
      {
        secrets: [{ Name: "prod/jwt", SecretString: "update-old-key-000000000000000001" }],
        clusters: [{ clusterName: "prod" }],
        ...ledger,
      },
      { config: { VERIFIER_DRY_RUN: "true" } },
    );
    const current = harness;
    await leaveTaskStartSecond(current.fleet, "ledger");

    const before = Date.now();
    const updated = await current.secrets.send(
      new UpdateSecretCommand({ SecretId: "prod/jwt", SecretString: "update-new-key-000000000000000002" }),
    );
    const after = Date.now();
    const described = await current.secrets.send(new DescribeSecretCommand({ SecretId: "prod/jwt" }));
    expect(described.VersionIdsToStages?.[updated.VersionId ?? "none"]).toEqual(["AWSCURRENT"]);

    // A metadata-only UpdateSecret in a later second: the SDK sends a token for it too.
    const nextSecond = secondOf(after) + 1000;
    await current.fleet.waitFor(
      () => Date.now() >= nextSecond || undefined,
      "the clock past the move's second",
    );
    const metadataOnly = await current.secrets.send(
      new UpdateSecretCommand({ SecretId: "prod/jwt", Description: "owner: ledger team" }),
    );
    expect(metadataOnly.VersionId).toBeUndefined();
    await current.settle();

    const record = await current.verifier.lambda.invoke({ secretId: "prod/jwt" });
    if (!record.ok) throw new Error(`the invocation failed: ${JSON.stringify(record)}`);
    const [report]: readonly RunReport[] = (record.result as HandlerResult).reports;
    expect(report?.cutoverSource).toBe("cloudtrail");
    const cutover = Date.parse(report?.cutover ?? "");
    expect(cutover).toBeGreaterThanOrEqual(secondOf(before));
    expect(cutover).toBeLessThan(nextSecond);
    const entry = report?.services.find((service) => service.service === "ledger");
    expect(entry?.tasks).toHaveLength(2);
    expect([entry?.verdict, entry?.action]).toEqual(["redeploy", "dry-run"]);
    for (const task of entry?.tasks ?? []) {
      expect(task.verdict).toBe("stale");
      expect(task.reason).toContain("started before the cut-over");
    }
    expect(current.forcedDeployments()).toEqual([]);
  });
});
