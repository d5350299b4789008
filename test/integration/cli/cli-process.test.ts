import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("the CLI as a process", () => {
  it("prints the command list for --help through node --import tsx, as npm run cli does", async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "bin/cli.ts", "--help"]);
    expect(stdout).toContain("Commands:");
    expect(stdout).toContain("diagnose");
  });

  it("runs as the package's compiled bin (build/cli.mjs) from another working directory, with the CLI's exit codes", async () => {
    const bin = `${process.cwd()}/${packageBin()}`;
    const { stdout } = await run(process.execPath, [bin, "--version"], { cwd: "/" });
    const version = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;
    expect(stdout.trim()).toBe(version);
    await expect(run(process.execPath, [bin, "no-such-command"], { cwd: "/" })).rejects.toMatchObject({
      code: 2,
    });
  });

  it("stops on SIGTERM while decode waits on a stdin that never ends", async () => {
    const child = spawn(process.execPath, [packageBin(), "decode"], { stdio: ["pipe", "pipe", "pipe"] });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    await waitUntilReadingStdin(child.pid as number);
    child.kill("SIGTERM");
    expect(await exited).toEqual({ code: null, signal: "SIGTERM" });
  }, 20_000);
});

/**
 * Resolves once the process has opened its stdin pipe for reading: libuv sets O_NONBLOCK on a pipe
 * when a stream starts reading it, and Linux shows the fd's flags in /proc. A condition, not a sleep.
 */
async function waitUntilReadingStdin(pid: number): Promise<void> {
  const nonBlocking = 0o4000;
  for (let attempt = 0; attempt < 500; attempt++) {
    const fdinfo = readFileSync(`/proc/${pid}/fdinfo/0`, "utf8");
    const flags = Number.parseInt(/^flags:\s*([0-7]+)/m.exec(fdinfo)?.[1] ?? "0", 8);
    if ((flags & nonBlocking) !== 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`process ${pid} never started reading its stdin`);
}

/** The `rollout-verifier` bin of package.json: compiled by `npm run build`, run by node with no TypeScript runner. */
function packageBin(): string {
  const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { bin: Record<string, string> };
  const bin = manifest.bin["rollout-verifier"] as string;
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build first`);
  return bin;
}
