import { describe, expect, it } from "vitest";
import { runCli } from "../../../../bin/cli.js";
import { fingerprintKey } from "../../../../lambda/core/probes/keys/key-fingerprint.js";
import { bufferIo } from "../buffer-io.js";
import { secrets } from "../crafted-tokens.js";
import { memorySecrets } from "../memory-secrets.js";
import { fakeDeps } from "./fake-deps.js";

const jsonSecret = JSON.stringify({ signingKey: secrets.current, other: "x" });
const deps = fakeDeps(
  memorySecrets("prod/jwt", [
    { versionId: "v2", stages: ["AWSCURRENT"], secretString: secrets.current },
    { versionId: "v1", stages: ["AWSPREVIOUS"], secretString: secrets.previous },
    { versionId: "v3", stages: ["JSONLABEL"], secretString: jsonSecret },
  ]),
);

async function run(...argv: string[]) {
  const buffers = bufferIo();
  const code = await runCli(["fingerprint", ...argv], buffers.io, deps);
  return { code, out: buffers.stdout(), err: buffers.stderr() };
}

describe("fingerprint command", () => {
  it("prints the AWSCURRENT fingerprint the Lambda logs, never the key", async () => {
    const { code, out } = await run("--secret-id", "prod/jwt");
    expect(code).toBe(0);
    expect(out).toContain(fingerprintKey(secrets.current));
    expect(out).not.toContain(secrets.current);
  });

  it("selects a stage, a version id or a JSON key", async () => {
    expect((await run("--secret-id", "prod/jwt", "--version-stage", "AWSPREVIOUS")).out).toContain(
      fingerprintKey(secrets.previous),
    );
    expect((await run("--secret-id", "prod/jwt", "--version-id", "v1")).out).toContain(
      fingerprintKey(secrets.previous),
    );
    const json = await run(
      "--secret-id",
      "prod/jwt",
      "--version-stage",
      "JSONLABEL",
      "--json-key",
      "signingKey",
      "--json",
    );
    expect(JSON.parse(json.out)).toMatchObject({
      versionId: "v3",
      jsonKey: "signingKey",
      fingerprint: fingerprintKey(secrets.current),
    });
  });

  it("exits 2 for both --version-stage and --version-id, or a JSON key the secret lacks", async () => {
    expect(
      (await run("--secret-id", "prod/jwt", "--version-stage", "AWSCURRENT", "--version-id", "v1")).code,
    ).toBe(2);
    const missing = await run("--secret-id", "prod/jwt", "--json-key", "signingKey");
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("signingKey");
  });

  it("exits 3 naming the secret when it does not exist", async () => {
    const { code, err } = await run("--secret-id", "prod/nope");
    expect(code).toBe(3);
    expect(err).toContain("prod/nope");
  });

  it("exits 2 naming the missing label and the labels there are when no AWSPENDING version exists", async () => {
    const { code, err } = await run("--secret-id", "prod/jwt", "--version-stage", "AWSPENDING");
    expect(code).toBe(2);
    expect(err).toContain("Secret prod/jwt has no version labelled AWSPENDING (no rotation is in progress).");
    expect(err).toContain("AWSCURRENT (version v2)");
    expect(err).not.toMatch(/credentials|region/i);
  });
});
