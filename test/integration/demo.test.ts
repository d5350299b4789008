import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDemo } from "../../demo/run-demo.js";
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
    expect(out).toContain("converged: 8/8 tasks hold the new key");
    expect(out).toMatch(/forced deployments: .*orders-api/);
    expect(out).toMatch(/forced deployments: .*billing-api/);
    expect(out).toContain(
      "deployment gate answers ECS: FAILED: 1 problem(s) on the new revision: the task definition pins demo/jwt-signing-key to version stage AWSPREVIOUS",
    );
    expect(out).toMatch(
      /rolled back before traffic: orders-api still runs orders-api:1 \(orders-api:2: ROLLBACK_SUCCESSFUL\); every task still holds the new key/,
    );

    const reports = JSON.parse(readFileSync(join(outDir, "report.json"), "utf8")) as {
      services: { action: string }[];
    }[];
    const forced = reports
      .flatMap((report) => report.services)
      .filter((s) => s.action === "forced-deployment");
    expect(forced).toHaveLength(2);
    const log = readFileSync(join(outDir, "rollout-verifier.log"), "utf8");
    expect(log).toContain('"_aws"');
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
