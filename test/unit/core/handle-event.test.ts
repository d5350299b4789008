import { describe, expect, it } from "vitest";
import { handleEvent } from "../../../lambda/core/handle-event.js";
import type { InvocationDeps } from "../../../lambda/core/invocation-deps.js";
import type { RunReport } from "../../../lambda/core/report/report.js";
import type { VerifierConfig } from "../../../lambda/core/verifier-config.js";
import { eventVariant } from "./aws-fixtures.js";
import { aDeployment, clusterArn, secretArn } from "./builders.js";
import { scenarioHarness } from "./engine-harness.js";
import type { FakeEcsState } from "./fake-ports.js";

const zeroConfig: VerifierConfig = {
  dryRun: false,
  maxRedeploysPerRun: 25,
  probeTimeoutMs: 2000,
  probeConcurrency: 16,
  securityProbes: true,
  bridgeAddresses: true,
  awsConcurrency: 8,
};

function handleDeps(config: Partial<VerifierConfig> = {}, harness = scenarioHarness()) {
  const logged: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
  const published: RunReport[] = [];
  const deps: InvocationDeps = {
    ...harness.deps,
    config: { ...zeroConfig, ...config },
    log: {
      info: (message, attributes) => logged.push({ level: "info", message, attributes }),
      error: (message, attributes) => logged.push({ level: "error", message, attributes }),
    },
    publish: (report) => published.push(report),
  };
  return { deps, logged, published, harness };
}

const sweepEvent = {
  version: "0",
  id: "sweep-1",
  "detail-type": "Scheduled Event",
  source: "aws.events",
  time: "2025-06-01T04:00:00Z",
  resources: [],
  detail: {},
};

describe("handleEvent", () => {
  it("logs an ignored event with what arrived and why, and makes no AWS call", async () => {
    const { deps, logged, harness } = handleDeps();
    const result = await handleEvent(eventVariant("cloudtrail-putsecretvalue.json"), deps);
    expect(result).toMatchObject({ outcome: "ignored", reports: [] });
    expect(logged).toEqual([
      {
        level: "info",
        message: "event ignored",
        attributes: {
          received: "aws.secretsmanager/AWS API Call via CloudTrail/PutSecretValue",
          reason: expect.stringContaining("not a cut-over"),
          eventId: "7a1c3e5f-9b2d-4f6a-8c0e-2d4f6a8c0e1b",
        },
      },
    ]);
    expect(harness.ecs.calls).toEqual([]);
  });

  it("logs bounded excerpts of a 1 MB field in an event it ignores", async () => {
    const { deps, logged } = handleDeps();
    const huge = "x".repeat(1_000_000);
    const event = { ...sweepEvent, id: huge, source: "aws.secretsmanager", "detail-type": huge };
    const result = await handleEvent(event, deps);
    expect(result.outcome).toBe("ignored");
    const line = JSON.stringify(logged);
    expect(line.length).toBeLessThan(4_000);
    expect(line).toContain("more characters");
    expect(JSON.stringify(result).length).toBeLessThan(4_000);
  });

  it("rejects a malformed known event with its typed error, logs it, and acts on nothing", async () => {
    const { deps, logged, harness, published } = handleDeps();
    const malformed = { ...eventVariant("secretsmanager-secret-label-updated.json"), resources: [] };
    await expect(handleEvent(malformed, deps)).rejects.toMatchObject({ code: "EVENT_MALFORMED" });
    expect(logged).toEqual([
      {
        level: "error",
        message: "event rejected",
        attributes: { error: expect.objectContaining({ code: "EVENT_MALFORMED" }) },
      },
    ]);
    expect(harness.ecs.calls).toEqual([]);
    expect(published).toEqual([]);
  });

  it("verifies the secret a cut-over event names with zero configuration, acting", async () => {
    const { deps, published, harness } = handleDeps();
    const result = await handleEvent(eventVariant("secretsmanager-secret-label-updated.json"), deps);
    expect(result.outcome).toBe("verified");
    expect(result.reports).toHaveLength(1);
    expect(published).toEqual(result.reports);
    expect(result.reports[0]).toMatchObject({ secretArn, cutoverSource: "event", dryRun: false });
    expect(harness.ecs.forced).toHaveLength(1);
  });

  it("verifies the events of an SQS batch from the run queue as if they came alone", async () => {
    const { deps, published, harness } = handleDeps();
    const event = eventVariant("secretsmanager-secret-label-updated.json");
    const batch = {
      Records: [{ messageId: "m-1", eventSource: "aws:sqs", body: JSON.stringify(event), attributes: {} }],
    };
    const result = await handleEvent(batch, deps);
    expect(result.outcome).toBe("verified");
    expect(result.reports).toHaveLength(1);
    expect(published).toEqual(result.reports);
    expect(result.reports[0]).toMatchObject({ secretArn, cutoverSource: "event" });
    expect(harness.ecs.forced).toHaveLength(1);
  });

  it("rejects an SQS record whose body is not JSON, so the message is retried and kept", async () => {
    const { deps, harness } = handleDeps();
    const batch = { Records: [{ messageId: "m-2", eventSource: "aws:sqs", body: "{not json" }] };
    await expect(handleEvent(batch, deps)).rejects.toMatchObject({ code: "EVENT_MALFORMED" });
    expect(harness.ecs.calls).toEqual([]);
  });

  it("ignores a cut-over of a secret that is not watched", async () => {
    const { deps } = handleDeps({ watchedSecrets: ["prod/payments/api-key"] });
    const result = await handleEvent(eventVariant("secretsmanager-secret-label-updated.json"), deps);
    expect(result).toMatchObject({
      outcome: "ignored",
      reason: expect.stringContaining("not among the watched"),
    });
  });

  it("matches a RotateSecret by name against a watch list of ARNs", async () => {
    const { deps } = handleDeps({ watchedSecrets: [secretArn] });
    const event = eventVariant("cloudtrail-rotatesecret.json", (e) => {
      e.detail.responseElements = null;
    });
    const result = await handleEvent(event, deps);
    expect(result.outcome).toBe("verified");
    expect(result.reports[0]).toMatchObject({
      trigger: { kind: "rotate-secret" },
      cutoverSource: "api-bounds",
    });
  });

  it("lets a direct invocation choose dry-run and clusters", async () => {
    const { deps, harness } = handleDeps();
    const result = await handleEvent({ secretId: secretArn, clusters: [clusterArn], dryRun: true }, deps);
    expect(result.reports[0]).toMatchObject({ dryRun: true, trigger: { kind: "direct", eventId: null } });
    expect(harness.ecs.forced).toEqual([]);
    expect(harness.ecs.calls).not.toContain("ListClusters");
  });

  it("sweeps every watched secret and ignores a sweep when none is configured", async () => {
    const configured = handleDeps({ watchedSecrets: [secretArn] });
    const swept = await handleEvent(sweepEvent, configured.deps);
    expect(swept.reports.map((r) => r.trigger.kind)).toEqual(["sweep"]);
    const unconfigured = handleDeps();
    expect(await handleEvent(sweepEvent, unconfigured.deps)).toMatchObject({ outcome: "ignored" });
  });

  it("re-verifies only the service whose deployment finished, against the watched secret it consumes", async () => {
    const { deps, harness } = handleDeps({ watchedSecrets: [secretArn] });
    const result = await handleEvent(eventVariant("ecs-deployment-state-change.json"), deps);
    expect(result.reports.map((r) => r.secretArn)).toEqual([secretArn]);
    expect(result.reports[0]?.services.map((s) => s.service)).toEqual(["orders-api"]);
    expect(result.reports[0]?.trigger).toMatchObject({ kind: "deployment-state-change" });
    expect(harness.ecs.calls.filter((c) => c.startsWith("ListTasks"))).toEqual([
      'ListTasks orders-prod {"serviceName":"orders-api"}',
    ]);
  });

  it("re-verifies every consumer of the secret when the finished deployment was created after the cut-over, within the follow-up window", async () => {
    const forcedAfterCutover = (state: FakeEcsState) => {
      const cluster = state.clusters[clusterArn];
      if (!cluster) throw new Error("no fixture cluster");
      cluster.services = cluster.services.map((service) =>
        service.serviceName === "orders-api"
          ? {
              ...service,
              deployments: [
                aDeployment({
                  id: "ecs-svc/7250134588163391826",
                  createdAt: new Date("2025-06-01T03:15:02Z"),
                }),
              ],
            }
          : service,
      );
    };
    const within = handleDeps({ watchedSecrets: [secretArn] }, scenarioHarness({ edit: forcedAfterCutover }));
    const followUp = await handleEvent(eventVariant("ecs-deployment-state-change.json"), within.deps);
    expect(followUp.reports[0]?.services.map((s) => s.service).sort()).toEqual([
      "orders-api",
      "orders-worker",
    ]);
    expect(followUp.reports[0]?.trigger.followUp).toContain(
      "Re-verifying the secret because deployment ecs-svc/7250134588163391826 of service orders-api",
    );

    const off = handleDeps(
      { watchedSecrets: [secretArn], followUpWindowMinutes: 0 },
      scenarioHarness({ edit: forcedAfterCutover }),
    );
    const serviceOnly = await handleEvent(eventVariant("ecs-deployment-state-change.json"), off.deps);
    expect(serviceOnly.reports[0]?.services.map((s) => s.service)).toEqual(["orders-api"]);
    expect(serviceOnly.reports[0]?.trigger.followUp).toBeUndefined();
  });

  it("with zero config, verifies every secret the service references and rethrows a failure after publishing the rest", async () => {
    const { deps, published, logged } = handleDeps();
    await expect(handleEvent(eventVariant("ecs-deployment-state-change.json"), deps)).rejects.toMatchObject({
      code: "SECRET_NOT_FOUND",
    });
    expect(published.map((r) => r.secretArn)).toEqual([secretArn]);
    expect(logged.filter((l) => l.level === "error").map((l) => l.attributes.secretId)).toEqual([
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/db-credentials-Qw3Rt7",
    ]);
  });

  it("reads ECS once for a sweep over several secrets and gives each secret its own report", async () => {
    const one = handleDeps({ watchedSecrets: [secretArn], dryRun: true });
    await handleEvent(sweepEvent, one.deps);
    const three = handleDeps({ watchedSecrets: [secretArn, secretArn, secretArn], dryRun: true });
    const swept = await handleEvent(sweepEvent, three.deps);
    expect(swept.reports.map((report) => report.secretArn)).toEqual([secretArn, secretArn, secretArn]);
    expect(three.published).toHaveLength(3);
    expect(three.harness.ecs.calls).toEqual(one.harness.ecs.calls);
    expect(new Set(three.harness.ecs.calls).size).toBe(three.harness.ecs.calls.length);
  });

  it("reads the service of a deployment event once, for routing and for the run", async () => {
    const { deps, harness } = handleDeps({ watchedSecrets: [secretArn] });
    await handleEvent(eventVariant("ecs-deployment-state-change.json"), deps);
    const { calls } = harness.ecs;
    // Before forcing, a service-only run discovers every consumer of the secret and re-reads their
    // deployments, so the cap counts what is in flight across the secret (recountInFlight).
    const recount = calls.indexOf("ListClusters");
    expect(recount).toBeGreaterThan(0);
    const runReads = calls.slice(0, recount);
    expect(runReads.filter((call) => call.startsWith("DescribeServices"))).toHaveLength(1);
    expect(new Set(runReads).size).toBe(runReads.length);
    // Each UpdateService is preceded by a fresh re-read of that service, by design (exactly one deployment).
    const forced = calls.filter((call) => call.startsWith("UpdateService")).length;
    expect(forced).toBe(1);
    expect(calls.slice(recount).filter((call) => call.startsWith("DescribeServices"))).toHaveLength(
      2 + forced,
    );
  });

  it("reads a service again after one secret's run forced it, so the next run sees that deployment", async () => {
    const { deps, harness } = handleDeps({ watchedSecrets: [secretArn, secretArn] });
    const result = await handleEvent(sweepEvent, deps);
    expect(result.reports[0]?.totals.servicesRedeployed).toBeGreaterThan(0);
    const describes = harness.ecs.calls.filter((call) => call.startsWith("DescribeServices"));
    const forced = harness.ecs.calls.filter((call) => call.startsWith("UpdateService")).length;
    // Each UpdateService is preceded by a fresh re-read of that service, by design (exactly one deployment),
    // and a run that forces re-reads the secret's consumers once to count what is in flight.
    expect(forced).toBe(1);
    expect(describes).toHaveLength(2 + 1 + forced);
    expect(harness.ecs.calls.filter((call) => call.startsWith("ListTasks"))).toHaveLength(1);
  });

  it("ignores a deployment event for a service that consumes no watched secret", async () => {
    const { deps } = handleDeps({ watchedSecrets: ["prod/payments/api-key"] });
    const result = await handleEvent(eventVariant("ecs-deployment-state-change.json"), deps);
    expect(result).toMatchObject({
      outcome: "ignored",
      reason: expect.stringContaining("consumes no watched"),
    });
  });

  it("ignores a deployment event whose old-format service ARN names no cluster, without an AWS call", async () => {
    const { deps, harness } = handleDeps();
    const event = eventVariant("ecs-deployment-state-change.json", (e) => {
      e.resources = ["arn:aws:ecs:eu-west-1:123456789012:service/orders-api"];
    });
    expect(await handleEvent(event, deps)).toMatchObject({
      outcome: "ignored",
      reason: expect.stringContaining("sweep"),
    });
    expect(harness.ecs.calls).toEqual([]);
  });
});
