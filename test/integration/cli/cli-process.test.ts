import { execFile } from "node:child_process";
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
});
