import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fleet } from "../../../fleet/start-fleet.js";
import { startOnCallFleet } from "./on-call-fleet.js";

let fleet: Fleet;
/** A HOME with no ~/.aws: no profile, region or credentials come from files. */
const emptyHome = mkdtempSync(join(tmpdir(), "rv-home-"));

beforeAll(async () => {
  fleet = await startOnCallFleet();
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
});

/**
 * The environment of an operator's shell pointed at the fleet. Instance metadata is off so that a
 * credential lookup never leaves loopback; every AWS_* variable of the test process is dropped.
 */
function shellEnv(overrides: Record<string, string | undefined>): Record<string, string> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name, value]) => !name.startsWith("AWS_") && value !== undefined),
  ) as Record<string, string>;
  const env: Record<string, string | undefined> = {
    ...base,
    HOME: emptyHome,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL: fleet.endpoint,
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "fleet",
    AWS_SECRET_ACCESS_KEY: "fleet",
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Runs a shell pipeline with pipefail, as a careful operator's script would. */
function sh(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["-o", "pipefail", "-c", script],
      { env, cwd: process.cwd(), timeout: 120_000 },
      (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    );
  });
}

const cli = "node --import tsx bin/cli.ts";
const stackTrace = /Error: write EPIPE|^\s+at .+\(.*:\d+:\d+\)$/m;

describe("the CLI in a pipe", () => {
  it("`verify --json | head -c 10` on a converged fleet ends with 0 or 141 and no stack trace", async () => {
    const { code, out, err } = await sh(
      `${cli} verify --secret-id prod/ledger-key --json | head -c 10`,
      shellEnv({}),
    );
    expect([0, 141]).toContain(code);
    expect(out).toBe('{\n  "repor');
    expect(err).not.toMatch(stackTrace);
  }, 120_000);

  it("a reader that is already gone (EPIPE for certain) ends the command quietly with 141", async () => {
    const { code, err } = await sh(`${cli} verify --secret-id prod/jwt --json | true`, shellEnv({}));
    expect(code).toBe(141);
    expect(err).toBe("");
  }, 120_000);

  it("`npm run -s cli --` prints nothing but the command's output, so `| head -c 1` gets the JSON", async () => {
    const { code, out } = await sh(
      `npm run -s cli -- fingerprint --secret-id prod/jwt --json | head -c 1`,
      shellEnv({}),
    );
    expect(out).toBe("{");
    expect([0, 141]).toContain(code);
  }, 120_000);
});

describe("configuration problems exit 2 and say what is missing", () => {
  it("no region", async () => {
    const { code, err } = await sh(`${cli} verify --secret-id prod/jwt`, shellEnv({ AWS_REGION: undefined }));
    expect(code).toBe(2);
    expect(err).toMatch(/^No AWS region: pass --region, set AWS_REGION/m);
  }, 120_000);

  it("no credentials", async () => {
    const env = shellEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    const { code, err } = await sh(`${cli} fingerprint --secret-id prod/jwt`, env);
    expect(code).toBe(2);
    expect(err).toMatch(/^No usable AWS credentials: /m);
  }, 120_000);

  it("--profile nope, even with keys in the environment", async () => {
    const { code, err } = await sh(`${cli} fingerprint --secret-id prod/jwt --profile nope`, shellEnv({}));
    expect(code).toBe(2);
    expect(err).toMatch(/^profile nope not found in /m);
    expect(err).not.toContain("Multiple credential sources");
  }, 120_000);
});
