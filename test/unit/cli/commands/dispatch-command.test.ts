import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../../bin/cli.js";
import { bufferIo } from "../buffer-io.js";
import { memorySecrets } from "../memory-secrets.js";
import { fakeDeps } from "./fake-deps.js";

const deps = fakeDeps(memorySecrets("prod/jwt", []));

describe("runCli dispatch", () => {
  it("prints the package.json version for --version", async () => {
    const { io, stdout } = bufferIo();
    const version = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;
    expect(await runCli(["--version"], io, deps)).toBe(0);
    expect(stdout().trim()).toBe(version);
  });

  it.each(["decode", "fingerprint", "diagnose", "verify"])(
    "prints help with an example for %s --help",
    async (command) => {
      const { io, stdout } = bufferIo();
      expect(await runCli([command, "--help"], io, deps)).toBe(0);
      expect(stdout()).toContain(`rollout-verifier ${command}`);
      expect(stdout()).toContain("Example:");
    },
  );

  it("prints the command list for --help and exits 2 with no command", async () => {
    const help = bufferIo();
    expect(await runCli(["--help"], help.io, deps)).toBe(0);
    expect(help.stdout()).toContain("diagnose");
    expect(await runCli([], bufferIo().io, deps)).toBe(2);
  });

  it("ships no development command: fleet and demo are npm scripts, not operator commands", async () => {
    const help = bufferIo();
    expect(await runCli(["--help"], help.io, deps)).toBe(0);
    expect(help.stdout()).not.toMatch(/^ {2}(fleet|demo) /m);
    for (const command of ["fleet", "demo"]) {
      const unknown = bufferIo();
      expect(await runCli([command], unknown.io, deps)).toBe(2);
      expect(unknown.stderr()).toContain(`Unknown command "${command}"`);
    }
  });

  it("exits 2 for an unknown command and for an unknown option, naming the help to read", async () => {
    const unknown = bufferIo();
    expect(await runCli(["frobnicate"], unknown.io, deps)).toBe(2);
    expect(unknown.stderr()).toContain("Unknown command");
    const option = bufferIo();
    expect(await runCli(["fingerprint", "--secret-id", "x", "--bogus"], option.io, deps)).toBe(2);
    expect(option.stderr()).toContain("rollout-verifier fingerprint --help");
  });

  it("exits 2 when a required option is missing", async () => {
    const { io, stderr } = bufferIo();
    expect(await runCli(["diagnose", "some.token.here"], io, deps)).toBe(2);
    expect(stderr()).toContain("--secret-id is required");
  });
});
