import { describe, expect, it } from "vitest";
import { runCli } from "../../../../bin/cli.js";
import { bufferIo } from "../buffer-io.js";
import { algNoneToken, goodClaims, hsToken, secrets } from "../crafted-tokens.js";
import { memorySecrets } from "../memory-secrets.js";
import { fakeDeps } from "./fake-deps.js";

const deps = fakeDeps(memorySecrets("prod/jwt", []));

describe("decode command", () => {
  it("reads the token from stdin, shows claims and never the full token", async () => {
    const token = await hsToken(secrets.current);
    const { io, stdout } = bufferIo({ stdin: `${token}\n` });
    expect(await runCli(["decode"], io, deps)).toBe(0);
    expect(stdout()).toContain(goodClaims.sub);
    expect(stdout()).toContain(`redacted, ${token.length} chars`);
    expect(stdout()).not.toContain(token);
    expect(stdout()).not.toContain(token.split(".")[2]);
  });

  it("prints header, claims and warnings as JSON and exits 1 for alg none", async () => {
    const { io, stdout } = bufferIo();
    expect(await runCli(["decode", algNoneToken(), "--json"], io, deps)).toBe(1);
    const output = JSON.parse(stdout()) as { header: { alg: string }; warnings: { code: string }[] };
    expect(output.header.alg).toBe("none");
    expect(output.warnings.map((warning) => warning.code)).toContain("alg-none");
  });

  it("refuses to wait on an interactive stdin and exits 2", async () => {
    const { io, stderr } = bufferIo();
    expect(await runCli(["decode"], io, deps)).toBe(2);
    expect(stderr()).toContain("pipe it on stdin");
  });

  it("exits 2 for something that is not a JWT, echoing not even its first characters", async () => {
    const pasted = "supersecret-password-pasted-by-mistake";
    const { io, stdout, stderr } = bufferIo({ stdin: pasted });
    expect(await runCli(["decode"], io, deps)).toBe(2);
    expect(stderr()).toContain("3 dot-separated segments");
    expect(stderr()).toContain(`${pasted.length} characters, not shown`);
    expect(stdout() + stderr()).not.toContain(pasted.slice(0, 4));
  });

  it("decodes a whole `Authorization: Bearer` header line, as copied from a request", async () => {
    const token = await hsToken(secrets.current);
    for (const line of [
      `Authorization: Bearer ${token}`,
      `authorization:bearer ${token}\r\n`,
      `Bearer ${token}`,
    ]) {
      const { io, stdout } = bufferIo({ stdin: line });
      expect(await runCli(["decode", "--json"], io, deps)).toBe(0);
      const output = JSON.parse(stdout()) as { token: string; claims: { sub: string } };
      expect(output.claims.sub).toBe(goodClaims.sub);
      expect(output.token).toBe(`${token.slice(0, 10)}…(redacted, ${token.length} chars)`);
    }
  });
});
