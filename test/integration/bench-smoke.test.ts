import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { BenchResults } from "../../bench/run-bench.js";

const run = promisify(execFile);
const tsxCli = resolve("node_modules/tsx/dist/cli.mjs");

describe("npm run bench -- --quick", () => {
  it("runs every benchmark on a 20-task fleet, prints the tables and writes well-formed JSON", async () => {
    const outFile = join(mkdtempSync(join(tmpdir(), "bench-smoke-")), "bench.json");
    const { stdout } = await run(process.execPath, [tsxCli, "bench/run.ts", "--quick", "--out", outFile], {
      timeout: 170_000,
    });
    for (const title of [
      "1. Fleet scale",
      "2. Dry-run verification",
      "3. Probe concurrency",
      "4. Cold start",
      "6. Function CPU per probe request",
      "7. AWS calls per operation",
    ]) {
      expect(stdout).toContain(title);
    }
    const results = JSON.parse(readFileSync(outFile, "utf8")) as BenchResults;
    expect(results).toMatchObject({ benchVersion: 1, quick: true });
    expect(results.fleetScale).toMatchObject({ tasks: 20, answers: { "200": 20 } });
    expect(results.fleetScale.memoryAtSteadyState.rssMB).toBeGreaterThan(0);
    expect(results.verification.variants.map((variant) => variant.memoryMB)).toEqual([null, 256]);
    for (const variant of results.verification.variants) {
      expect(variant.first).toMatchObject({ tasksVerified: 20, byTaskVerdict: { stale: 20 } });
      expect(variant.maxMemoryMB).toBeGreaterThan(0);
    }
    expect(results.probeConcurrency.tasks).toBe(10);
    expect(results.probeConcurrency.order).toEqual([1, 16, 64, 1, 16, 64, 1, 16, 64]);
    expect(
      results.probeConcurrency.variants.map((variant) => [variant.probeConcurrency, variant.durationMs.n]),
    ).toEqual([
      [1, 3],
      [16, 3],
      [64, 3],
    ]);
    expect(results.probeConcurrency.variants[0]?.durationRatio).toBe(1);
    expect(results.coldStart.importMs.n).toBe(results.coldStart.runs);
    expect(results.coldStart.bundleKB).toBeGreaterThan(0);
    expect(typeof results.coldStart.aboveBareMs).toBe("number");
    // The floor holds the dependencies only: smaller than the handler, measured as often.
    expect(results.coldStart.dependencyFloor.bundleKB).toBeGreaterThan(0);
    expect(results.coldStart.dependencyFloor.bundleKB).toBeLessThan(results.coldStart.bundleKB);
    expect(results.coldStart.dependencyFloor.processMs.n).toBe(results.coldStart.runs);
    expect(typeof results.coldStart.aboveFloorMs).toBe("number");
    for (const calls of [
      results.awsCalls.oneSecret,
      results.awsCalls.sweepOfThreeSecrets,
      results.awsCalls.deploymentEvent,
      results.awsCalls.rotationEveryRule,
    ]) {
      expect(calls.made).toBeGreaterThan(0);
      expect(calls.minimum).toBeGreaterThan(0);
      expect(calls.ratio).toBe(Math.round((calls.made / calls.minimum) * 100) / 100);
    }
    expect(results.awsCalls.sweepOfThreeSecrets.minimum).toBeGreaterThan(results.awsCalls.oneSecret.minimum);
    expect(results.awsCalls.rotationEveryRule.verifications).toBeGreaterThan(0);
    // Four per task: AWSCURRENT, the AWSPREVIOUS control token, alg none and a wrong key.
    expect(results.probeCpu).toMatchObject({ tasks: 20, requests: 80, requestsPerTask: 4, rounds: 1 });
    expect(results.probeCpu.functionPerRequestMs).toBeGreaterThan(0);
    expect(results.probeCpu.floorPerRequestMs).toBeGreaterThan(0);
    expect(results.memoryAtScale).toBeNull();
    expect(results.largestFleet).toBeNull();
    for (const variant of results.verification.variants)
      expect(variant.warm.distinctTasks).toBe(variant.warm.tasksVerified);
    expect(results.probeSigning.variants.map((variant) => variant.keyType)).toEqual([
      "HS256",
      "ES256",
      "RS256",
    ]);
    for (const variant of results.probeSigning.variants) {
      expect(variant.perTaskUs.median).toBeGreaterThan(0);
      expect(variant.perTaskFreshWrongKeyUs.median).toBeGreaterThan(0);
    }
  }, 180_000);
});
