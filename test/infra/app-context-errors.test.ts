import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const cdkJson = JSON.parse(readFileSync(join(projectRoot, "cdk.json"), "utf8")) as {
  context: Record<string, unknown>;
};
const outDir = mkdtempSync(join(tmpdir(), "verifier-app-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/**
 * Runs `bin/app.ts` as the CDK CLI does: cdk.json's context merged with the `-c` values (always
 * text) in CDK_CONTEXT_JSON, from the project directory. Only failing contexts are run here: they
 * stop before bundling, so each run takes about as long as loading aws-cdk-lib.
 */
function synthWithFlags(flags: Record<string, string>): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "bin/app.ts"], {
    cwd: projectRoot,
    encoding: "utf8",
    env: {
      ...process.env,
      CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson.context, ...flags }),
      CDK_OUTDIR: outDir,
    },
  });
  return { status: result.status, stderr: result.stderr };
}

describe("cdk synth with a bad -c value", () => {
  it("fails on an empty clusters, naming the key and the command line", () => {
    const { status, stderr } = synthWithFlags({ clusters: "" });
    expect(status).toBe(1);
    expect(stderr).toContain("ROLLOUT_VERIFIER_CONTEXT_INVALID");
    expect(stderr).toContain("`clusters` (from -c clusters=... on the command line)");
    expect(stderr).toContain("would watch every cluster");
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("fails on a KMS alias in secrets, blaming -c and not cdk.json", () => {
    const secrets = JSON.stringify([
      {
        arn: (cdkJson.context.secrets as { arn: string }[])[0]?.arn,
        kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/jwt",
      },
    ]);
    const { status, stderr } = synthWithFlags({ secrets });
    expect(status).toBe(1);
    expect(stderr).toContain("`secrets` (from -c secrets=... on the command line)");
    expect(stderr).toContain("alias ARN");
  }, 60_000);
});
