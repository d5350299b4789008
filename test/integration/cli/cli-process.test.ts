import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("the CLI as a process", () => {
  it("prints the command list for --help through node --import tsx, as npm run cli does", async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "bin/cli.ts", "--help"]);
    expect(stdout).toContain("Commands:");
    expect(stdout).toContain("diagnose");
  });

  it("runs through the package bin launcher from another working directory and exits with the CLI's code", async () => {
    const bin = `${process.cwd()}/bin/rollout-verifier.mjs`;
    const { stdout } = await run(process.execPath, [bin, "--version"], { cwd: "/" });
    const version = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;
    expect(stdout.trim()).toBe(version);
    await expect(run(process.execPath, [bin, "no-such-command"], { cwd: "/" })).rejects.toMatchObject({
      code: 2,
    });
  });

  it("passes SIGTERM on from the bin launcher, so a command waiting on stdin stops with it", async () => {
    const bin = `${process.cwd()}/bin/rollout-verifier.mjs`;
    // decode waits for a token on a piped stdin that never ends: only the forwarded signal stops it.
    const launcher = spawn(process.execPath, [bin, "decode"], { stdio: ["pipe", "pipe", "pipe"] });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      launcher.once("exit", (code, signal) => resolve({ code, signal })),
    );
    // The launcher starts node with tsx: give the CLI time to start reading stdin.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    launcher.kill("SIGTERM");
    // The launcher handles SIGTERM itself and exits as a shell reports its child killed by it: 128 + 15.
    expect(await exited).toEqual({ code: 143, signal: null });
  }, 40_000);
});
