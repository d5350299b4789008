import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { reportFromLogRecords } from "../../../lambda/adapters/telemetry/report-service-records.js";
import {
  EvidenceMetricName,
  MetricDimension,
  MetricName,
  MetricNamespace,
} from "../../../lambda/core/report/metric-names.js";
import { TaskEvidence } from "../../../lambda/core/report/verdict-words.js";
import { emfRecords, jwtPattern } from "./emf-records.js";
import { jwtScenario } from "./scenario-builders.js";
import { type Harness, startHarness } from "./scenario-harness.js";

const oldKey = "emf-old-signing-key-0000000000000000001";
const newKey = "emf-new-signing-key-0000000000000000002";
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("the function's log stands in for CloudWatch Logs", () => {
  it("holds valid EMF records for every metric of a run with stale tasks, and no key or token", async () => {
    harness = await startHarness(
      jwtScenario(
        [{ name: "prod/jwt", value: oldKey }],
        [
          { name: "orders", image: "sample/jwt-api:jose" },
          { name: "payments", image: "sample/jwt-api:jsonwebtoken-9", cluster: "payments" },
        ],
      ),
    );
    const setupLog = harness.log().length;

    await harness.secrets.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: newKey }));
    await harness.settle();
    expect(harness.forcedDeployments()).toHaveLength(2);

    const log = harness.log();
    const records = emfRecords(log.slice(setupLog));
    expect(records.length).toBeGreaterThan(0);
    // Some records carry no metric of their own: at least the run's records must, or the loop checks nothing.
    expect(
      records.flatMap((record) => record._aws.CloudWatchMetrics[0]?.Metrics ?? []).length,
    ).toBeGreaterThan(0);
    for (const record of records) {
      expect(typeof record._aws.Timestamp).toBe("number");
      expect(Math.abs(record._aws.Timestamp - Date.now())).toBeLessThan(5 * 60_000);
      const [directive] = record._aws.CloudWatchMetrics;
      expect(directive?.Namespace).toBe(MetricNamespace);
      expect(directive?.Dimensions.length).toBeGreaterThan(0);
      for (const set of directive?.Dimensions ?? [])
        for (const dimension of set) expect(typeof record[dimension]).toBe("string");
      for (const metric of directive?.Metrics ?? []) expect(typeof record[metric.Name]).toBe("number");
    }

    const dimensionSets = records.map((record) => record._aws.CloudWatchMetrics[0]?.Dimensions);
    expect(dimensionSets).toContainEqual([[MetricDimension.secretName]]);
    expect(dimensionSets).toContainEqual([[MetricDimension.secretName, MetricDimension.cluster]]);
    expect(new Set(records.map((record) => record[MetricDimension.secretName]))).toEqual(
      new Set(["prod/jwt"]),
    );
    expect(new Set(records.map((record) => record[MetricDimension.cluster]).filter(Boolean))).toEqual(
      new Set(["prod", "payments"]),
    );

    // The run that found the stale tasks publishes every metric, as a number.
    const staleRun = records.find(
      (record) => !(MetricDimension.cluster in record) && record[MetricName.tasksStale] === 4,
    );
    expect(staleRun).toBeDefined();
    const declared = staleRun?._aws.CloudWatchMetrics[0]?.Metrics.map((metric) => metric.Name) ?? [];
    // Time to converge comes later, from the runs that prove the services current.
    for (const name of Object.values(MetricName).filter((n) => n !== MetricName.timeToConvergeSeconds)) {
      expect(declared).toContain(name);
      expect(typeof staleRun?.[name]).toBe("number");
    }
    expect(staleRun?.[MetricName.servicesRedeployed]).toBe(2);
    expect(staleRun?.[MetricName.probeRejected]).toBe(4);
    expect(staleRun?.[MetricName.tasksRefreshing]).toBe(0);

    // Beside it, one record per evidence kind: the four stale tasks were proven by their probes.
    expect(dimensionSets).toContainEqual([[MetricDimension.secretName, MetricDimension.evidence]]);
    const staleByProbe = records.find(
      (record) =>
        record[MetricDimension.evidence] === TaskEvidence.Probe &&
        record[EvidenceMetricName.tasksStaleByEvidence] === 4,
    );
    expect(staleByProbe?.[EvidenceMetricName.tasksByEvidence]).toBe(4);

    // The forced deployments' COMPLETED events come within the follow-up window, so their runs
    // re-verify the whole secret and publish the secret-wide series: the stale line falls to 0, and
    // the time to converge is the rotation's, the same value from every run that proves it.
    const secretWide = records.filter(
      (record) =>
        !(MetricDimension.service in record) &&
        !(MetricDimension.cluster in record) &&
        !(MetricDimension.evidence in record),
    );
    expect(secretWide.length).toBeGreaterThan(1);
    expect(secretWide.at(-1)?.[MetricName.tasksStale]).toBe(0);
    const converged = secretWide
      .map((record) => record[MetricName.timeToConvergeSeconds])
      .filter((value) => typeof value === "number");
    expect(converged.length).toBeGreaterThan(0);
    expect(new Set(converged).size).toBe(1);
    expect(records.filter((record) => MetricDimension.service in record)).toEqual([]);

    // The whole report of every run is in the log: the summary plus one record per service.
    const parsed = log
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const returned = harness.reports();
    const logged = reportFromLogRecords(parsed);
    expect(logged).toEqual(returned);

    expect(log).not.toContain(oldKey);
    expect(log).not.toContain(newKey);
    expect(log).not.toMatch(jwtPattern);
  });
});
