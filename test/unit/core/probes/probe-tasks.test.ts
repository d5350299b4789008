import { describe, expect, it } from "vitest";
import type { ProbeRequest } from "../../../../lambda/core/ports.js";
import type { ProbeReport, RunReport } from "../../../../lambda/core/report/report.js";
import { runVerification } from "../../../../lambda/core/run-verification.js";
import { clusterArn } from "../builders.js";
import { aRequest, scenarioHarness } from "../engine-harness.js";
import type { FakeEcsState } from "../fake-ports.js";
import { containerInstanceC, fixtureTaskAddress, taskA, taskB, taskC } from "../fixture-scenario.js";

/** Task C's EC2 host: the fixture has no DescribeInstances answer, so the fake EC2 gives this one. */
const hostC = "10.0.3.41";

/** Tags every scenario service with `tags`, and gives task C's container instance a host IP. */
function tagServices(tags: Record<string, string>) {
  return (state: FakeEcsState) => {
    const cluster = state.clusters[clusterArn];
    if (!cluster) throw new Error("fixture changed");
    cluster.services = cluster.services.map((service) => ({
      ...service,
      tags: { ...service.tags, ...tags },
    }));
    (state.hosts as Record<string, string>)[containerInstanceC] = hostC;
  };
}

/** Task A holds the old key (401), the others the new one; `extra` plays the negative probes. */
function fleetAnswer(extra: (request: ProbeRequest) => ProbeReport | undefined = () => undefined) {
  return (request: ProbeRequest): ProbeReport => {
    const special = extra(request);
    if (special) return special;
    const good = request.authorization.startsWith("Bearer good.");
    if (!good) return { status: "rejected", httpStatus: 401, url: request.url };
    if (request.url.includes("10.0.1.23")) return { status: "rejected", httpStatus: 401, url: request.url };
    return { status: "accepted", httpStatus: 200, url: request.url };
  };
}

function taskRow(report: RunReport, taskArn: string) {
  const row = report.services.flatMap((s) => s.tasks).find((t) => t.taskArn === taskArn);
  if (!row) throw new Error(`no task ${taskArn}`);
  return row;
}

describe("probing tasks", () => {
  it("names a malformed tag it ignored in every probe result of the service", async () => {
    const harness = scenarioHarness({
      edit: tagServices({ "rollout-verifier:probe-path": "/auth", "rollout-verifier:probe-port": "eighty" }),
      answer: fleetAnswer(),
    });
    const report = await runVerification(aRequest({ dryRun: true }), harness.deps);
    expect(taskRow(report, taskB).probe).toMatchObject({
      status: "accepted",
      detail: expect.stringContaining(
        'ignored tag rollout-verifier:probe-port="eighty" (not a decimal port 1-65535)',
      ),
    });
  });

  it("probes each task at its own ECS-reported address with the tagged path and claims", async () => {
    const harness = scenarioHarness({
      edit: tagServices({
        "rollout-verifier:probe-path": "/auth/check",
        "rollout-verifier:issuer": "https://issuer.example",
        "rollout-verifier:audience": "orders-api",
      }),
      answer: fleetAnswer(),
    });
    await runVerification(
      aRequest({ probe: { timeoutMs: 750, concurrency: 2, securityProbes: false } }),
      harness.deps,
    );
    // The fixture's task addresses, recorded by the in-memory probe port: data, never contacted.
    const claims = "Bearer good.https://issuer.example|orders-api";
    expect(harness.probe.requests.map((r) => [r.url, r.authorization, r.timeoutMs]).sort()).toEqual([
      [`http://${fixtureTaskAddress(taskA)}:8080/auth/check`, claims, 750],
      [`http://${fixtureTaskAddress(taskB)}:8080/auth/check`, claims, 750],
      [`http://${hostC}:32771/auth/check`, claims, 750],
    ]);
  });

  it("signs with the json-key the task definition reads", async () => {
    const harness = scenarioHarness({
      edit: tagServices({ "rollout-verifier:probe-path": "/" }),
      answer: fleetAnswer(),
    });
    await runVerification(aRequest(), harness.deps);
    expect(new Set(harness.signer.imported)).toEqual(new Set(["signingKey"]));
  });

  it("lets the probe decide: an accepting task created before the cut-over is current", async () => {
    const harness = scenarioHarness({
      edit: tagServices({ "rollout-verifier:probe-path": "/" }),
      answer: fleetAnswer(),
    });
    const report = await runVerification(aRequest(), harness.deps);
    expect(taskRow(report, taskC)).toMatchObject({ verdict: "current", address: "10.0.3.41:32771" });
    expect(taskRow(report, taskA)).toMatchObject({
      verdict: "stale",
      probe: { status: "rejected", httpStatus: 401 },
    });
    expect(report.totals.probeRejected).toBe(1);
  });

  it("reports a task that accepts a wrong-key token as a critical finding", async () => {
    const harness = scenarioHarness({
      edit: tagServices({ "rollout-verifier:probe-path": "/" }),
      answer: fleetAnswer((request) =>
        request.url.includes("10.0.2.57") && request.authorization.startsWith("Bearer wrong.")
          ? { status: "accepted", httpStatus: 200 }
          : undefined,
      ),
    });
    const report = await runVerification(aRequest(), harness.deps);
    expect(report.securityFindings).toEqual([
      {
        severity: "critical",
        kind: "accepts-wrong-key",
        cluster: "orders-prod",
        service: "orders-api",
        taskArn: taskB,
        url: `http://${fixtureTaskAddress(taskB)}:8080/`,
      },
    ]);
    expect(report.totals.securityFindings).toBe(1);
  });

  it("reports a task that accepts alg none as a critical finding", async () => {
    const harness = scenarioHarness({
      edit: tagServices({ "rollout-verifier:probe-path": "/" }),
      answer: fleetAnswer((request) =>
        request.authorization.startsWith("Bearer none.")
          ? { status: "accepted", httpStatus: 200 }
          : undefined,
      ),
    });
    const report = await runVerification(aRequest(), harness.deps);
    expect(report.securityFindings.map((f) => f.kind)).toEqual([
      "accepts-alg-none",
      "accepts-alg-none",
      "accepts-alg-none",
    ]);
  });

  it("sends no negative probes when security probes are off", async () => {
    const harness = scenarioHarness({
      edit: tagServices({ "rollout-verifier:probe-path": "/" }),
      answer: fleetAnswer(),
    });
    await runVerification(
      aRequest({ probe: { timeoutMs: 2000, concurrency: 4, securityProbes: false } }),
      harness.deps,
    );
    expect(harness.probe.requests.every((r) => r.authorization.startsWith("Bearer good."))).toBe(true);
  });

  it("passes the tagged expected statuses and probe port through", async () => {
    const harness = scenarioHarness({
      edit: tagServices({
        "rollout-verifier:probe-path": "/",
        "rollout-verifier:probe-expect": "204,302",
        "rollout-verifier:probe-port": "9090",
      }),
      answer: fleetAnswer(),
    });
    const report = await runVerification(aRequest(), harness.deps);
    expect(harness.probe.requests[0]?.expectStatus).toEqual([204, 302]);
    expect(taskRow(report, taskA).address).toBe("10.0.1.23:9090");
    expect(taskRow(report, taskC)).toMatchObject({ address: null, probe: { status: "skipped" } });
  });

  it("skips probing, without failing the run, when the key material cannot sign", async () => {
    const harness = scenarioHarness({
      edit: tagServices({ "rollout-verifier:probe-path": "/" }),
      answer: fleetAnswer(),
      unusableKey: true,
    });
    const report = await runVerification(aRequest(), harness.deps);
    expect(harness.probe.requests).toEqual([]);
    expect(taskRow(report, taskA).probe).toEqual({
      status: "skipped",
      detail: "the AWSCURRENT key material cannot sign a probe token",
    });
  });

  it("turns a throwing probe adapter into an error report", async () => {
    const harness = scenarioHarness({
      edit: tagServices({ "rollout-verifier:probe-path": "/" }),
      answer: () => {
        throw new TypeError("boom");
      },
    });
    const report = await runVerification(aRequest(), harness.deps);
    expect(taskRow(report, taskA).probe).toMatchObject({
      status: "error",
      detail: "probe failed: TypeError",
    });
  });

  it("neither probes nor forces an opted-out service, and says so", async () => {
    const harness = scenarioHarness({
      edit: tagServices({ "rollout-verifier:probe-path": "/", "rollout-verifier:opt-out": "true" }),
      answer: fleetAnswer(),
    });
    const report = await runVerification(aRequest(), harness.deps);
    expect(harness.probe.requests).toEqual([]);
    expect(harness.ecs.forced).toEqual([]);
    expect(report.services.find((s) => s.service === "orders-api")).toMatchObject({ verdict: "blocked" });
  });

  it("does not look up host IPs when bridge addresses are disabled", async () => {
    const harness = scenarioHarness({
      edit: tagServices({ "rollout-verifier:probe-path": "/" }),
      answer: fleetAnswer(),
    });
    const report = await runVerification(aRequest({ bridgeAddresses: false }), harness.deps);
    expect(harness.ecs.calls.some((call) => call.startsWith("ResolveHosts"))).toBe(false);
    expect(taskRow(report, taskC)).toMatchObject({ address: null, verdict: "stale" });
  });
});
