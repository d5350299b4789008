import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDemo } from "../../demo/run-demo.js";
import { reportsFromLogLines } from "../../lambda/adapters/telemetry/report-service-records.js";
import type { RunReport } from "../../lambda/core/report/report.js";
import { bufferIo } from "../unit/cli/buffer-io.js";

const signingKey = "demo-test-signing-key-never-printed-0123456789";

describe("npm run demo", () => {
  it("stages a partial rollout, forces the laggards, proves convergence, and has the gate roll back a pinned revision, without leaking a key", async () => {
    const buffers = bufferIo({});
    const outDir = mkdtempSync(join(tmpdir(), "demo-"));
    const code = await runDemo(["--fast", "--out", outDir], buffers.io, { newSigningKey: () => signingKey });
    const out = buffers.stdout();
    expect(buffers.stderr()).toBe("");
    expect(code).toBe(0);
    expect(out).toContain("converged: 10/10 tasks hold the new key");
    expect(out).toMatch(/forced deployments: .*orders-api/);
    expect(out).toMatch(/forced deployments: .*billing-api/);
    // The issuer lagged the rotation: it signed with the old key, was proven so by a token it issued,
    // forced, and signs with the new key after (the demo's own check, not the verifier's word).
    expect(out).toMatch(/keys auth-service's running tasks sign with now: old\b/);
    expect(out).toMatch(/stale \(issuer\) +issued token: signed with AWSPREVIOUS/);
    expect(out).toMatch(/forced deployments: .*auth-service/);
    expect(out).toContain("auth-service  2/2 issue tokens signed with the new key");
    expect(out).toContain(
      "deployment gate answers ECS: FAILED: 1 problem(s) on the new revision: the task definition pins demo/jwt-signing-key to version stage AWSPREVIOUS",
    );
    expect(out).toMatch(
      /rolled back before traffic: orders-api still runs orders-api:1 \(orders-api:2: ROLLBACK_SUCCESSFUL\); every task still holds the new key/,
    );

    const reports = JSON.parse(readFileSync(join(outDir, "report.json"), "utf8")) as RunReport[];
    const forced = reports
      .flatMap((report) => report.services)
      .filter((s) => s.action === "forced-deployment");
    expect(forced.map((s) => s.service).sort()).toEqual(["auth-service", "billing-api", "orders-api"]);
    const issuerRuns = reports
      .flatMap((report) => report.services)
      .filter((s) => s.service === "auth-service");
    const issuerForced = issuerRuns.find((s) => s.action === "forced-deployment");
    expect(
      issuerForced?.tasks.map((task) => [task.verdict, task.evidence, task.probe.issuer?.[0]?.match]),
    ).toEqual([
      ["stale", "issuer-probe", "previous"],
      ["stale", "issuer-probe", "previous"],
    ]);
    const issuerAfter = issuerRuns.at(-1);
    expect(issuerAfter?.verdict).toBe("converged");
    expect(
      issuerAfter?.tasks.map((task) => [task.verdict, task.evidence, task.probe.issuer?.[0]?.match]),
    ).toEqual([
      ["current", "issuer-probe", "current"],
      ["current", "issuer-probe", "current"],
    ]);
    const log = readFileSync(join(outDir, "rollout-verifier.log"), "utf8");
    expect(log).toContain('"_aws"');
    // The runtime's START/END/REPORT lines are in the log; the reader `rollout-verifier report` uses
    // skips them and rebuilds every report exactly as the handler returned it.
    expect(log).toMatch(/^REPORT RequestId: /m);
    // The gate function logs its lifecycle-hook run to the same log group; it answers ECS, not a report.
    const logged = reportsFromLogLines(log.split("\n"));
    expect(logged.filter((report) => report.trigger.kind !== "lifecycle-hook")).toEqual(reports);
    expect(logged.filter((report) => report.trigger.kind === "lifecycle-hook")).toHaveLength(1);
    // Once convergence is proven, the dashboard's secret-wide stale line ends at 0.
    const secretWide = log
      .split("\n")
      .filter((line) => line.startsWith("{") && line.includes('"_aws"'))
      .map(
        (line) =>
          JSON.parse(line) as Record<string, unknown> & {
            _aws: { CloudWatchMetrics: { Dimensions: string[][] }[] };
          },
      )
      .filter(
        (record) =>
          "TasksStale" in record && record._aws.CloudWatchMetrics[0]?.Dimensions[0]?.join() === "SecretName",
      );
    expect(secretWide[0]?.TasksStale).toBeGreaterThan(0);
    expect(secretWide.at(-1)?.TasksStale).toBe(0);
    // The rotation's time to converge: one value, not one more per later deployment (the gate's rollback).
    const converge = new Set(
      log
        .split("\n")
        .filter((line) => line.includes('"TimeToConvergeSeconds"'))
        .map((line) => (JSON.parse(line) as { TimeToConvergeSeconds: number }).TimeToConvergeSeconds),
    );
    expect(converge.size).toBe(1);
    for (const text of [
      out,
      log,
      readFileSync(join(outDir, "report.json"), "utf8"),
      readFileSync(join(outDir, "events.jsonl"), "utf8"),
    ]) {
      expect(text).not.toContain(signingKey);
      expect(text).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*/);
    }
  }, 90_000);
});
