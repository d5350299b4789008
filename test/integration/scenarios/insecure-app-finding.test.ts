import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { MetricName } from "../../../lambda/core/report/metric-names.js";
import { emfRecords, metricValues } from "./emf-records.js";
import { jwtScenario } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";

const oldKey = "insecure-old-signing-key-0000000000001";
const newKey = "insecure-new-signing-key-0000000000002";
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("scenario 7: apps that accept forged tokens", () => {
  it("reports a critical security finding per task in the report and in the SecurityFindings metric", async () => {
    harness = await startHarness(
      jwtScenario(
        [{ name: "prod/jwt", value: oldKey }],
        [
          { name: "legacy", image: "sample/jwt-api:insecure" },
          { name: "debug", image: "sample/jwt-api:no-verify" },
          { name: "orders", image: "sample/jwt-api:jose" },
        ],
      ),
    );
    const setupRuns = harness.reports().length;
    const setupLog = harness.log().length;

    await harness.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: newKey }));
    await harness.settle();

    const [first] = harness.reports().slice(setupRuns);
    expect(first).toBeDefined();
    if (!first) return;
    const tasksOf = (service: string) =>
      first.services.find((entry) => entry.service === service)?.tasks.map((task) => task.taskArn) ?? [];
    const findings = first.securityFindings.map((finding) => [
      finding.service,
      finding.kind,
      finding.taskArn,
    ]);
    const expected = [
      ...tasksOf("legacy").map((arn) => ["legacy", "accepts-alg-none", arn]),
      ...tasksOf("debug").flatMap((arn) => [
        ["debug", "accepts-alg-none", arn],
        ["debug", "accepts-wrong-key", arn],
      ]),
    ];
    expect(expected).toHaveLength(6);
    expect(findings).toEqual(expect.arrayContaining(expected));
    expect(findings).toHaveLength(expected.length);
    expect(first.securityFindings.every((finding) => finding.severity === "critical")).toBe(true);
    expect(first.securityFindings.every((finding) => finding.url.startsWith("http://127."))).toBe(true);
    expect(first.totals.securityFindings).toBe(6);
    expect(tasksOf("orders")).toHaveLength(2);

    const records = emfRecords(harness.log().slice(setupLog));
    const perRun = records.filter((record) => !("Cluster" in record));
    expect(metricValues(perRun, MetricName.securityFindings)).toContain(6);
    expect(
      perRun.find((record) => record[MetricName.securityFindings] === 6)?._aws.CloudWatchMetrics[0]?.Metrics,
    ).toContainEqual(expect.objectContaining({ Name: MetricName.securityFindings }));
  });
});
