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

  it("passes SIGTERM on from the bin launcher, so a foreground fleet stops and frees its port", async () => {
    const bin = `${process.cwd()}/bin/rollout-verifier.mjs`;
    const launcher = spawn(process.execPath, [bin, "fleet", "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line in: ${out}`)), 20_000);
      launcher.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString("utf8");
        const match = /^ready (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    const exited = new Promise<number | null>((resolve) => launcher.once("exit", (code) => resolve(code)));
    launcher.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(out).toMatch(/^stopped$/m);
    await expect(fetch(endpoint, { method: "POST", signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  }, 40_000);
});
