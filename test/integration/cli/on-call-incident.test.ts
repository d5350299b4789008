import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IncidentFleet, incident, startIncidentFleet } from "../../../fleet/scenario/incident.js";

const repo = resolve(import.meta.dirname, "../../..");

/** The On-call section of docs/operations.md: every shell command in it, verbatim, in order. */
function onCallCommands(): string[] {
  const docs = readFileSync(join(repo, "docs/operations.md"), "utf8");
  const start = docs.indexOf("## On call: a 401 storm after a rotation");
  const section = docs.slice(start, docs.indexOf("\n## ", start + 1));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)]
    .flatMap((block) => (block[1] ?? "").split("\n"))
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("npm ci"));
}

let running: IncidentFleet;
let bin: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "on-call-incident-"));
  running = await startIncidentFleet({
    dir,
    bundlePath: join(repo, "dist/handler.mjs"),
    cdkJson: join(repo, "cdk.json"),
    fleetOptions: { taskStartDelayMs: 50, deploymentPacing: { stepDelayMs: 10 } },
  });
  // The operator's shell: the CLI from this checkout on PATH, and a clipboard holding the failing token.
  bin = mkdtempSync(join(tmpdir(), "on-call-bin-"));
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  script("rollout-verifier", `exec node --import tsx "${join(repo, "bin/cli.ts")}" "$@"`);
  for (const clipboard of ["pbpaste", "xclip", "wl-paste"])
    script(clipboard, `cat "${running.files.failingToken}"`);
}, 120_000);
afterAll(() => running?.stop());

/** Runs one documented command line in a shell, as the operator would paste it. */
function run(line: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn("sh", ["-c", line], {
      cwd: repo,
      env: {
        PATH: `${bin}:${process.env.PATH ?? ""}`,
        HOME: process.env.HOME ?? "/tmp",
        AWS_ENDPOINT_URL: running.fleet.endpoint,
        AWS_REGION: "eu-west-1",
        AWS_ACCESS_KEY_ID: "x",
        AWS_SECRET_ACCESS_KEY: "x",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, out, err }));
  });
}

/** What each step must show against the incident, by the command's own words. */
function expectStep(line: string, result: { code: number; out: string; err: string }): void {
  const context = `${line}\n--- stdout\n${result.out}\n--- stderr\n${result.err}`;
  expect(result.err, context).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/); // never a stack trace
  if (line.includes("--version")) {
    expect(result.code, context).toBe(0);
    return;
  }
  if (line.includes(" report ")) {
    expect(result.code, context).toBe(1);
    expect(result.out, context).toMatch(/Mode {6}dry run/);
    expect(result.out, context).toContain(`${incident.cluster} / ${incident.optedIn}  REDEPLOY`);
    expect(result.out, context).toContain(
      `Next: rollout-verifier verify --secret-id ${incident.secret} --cluster ${incident.cluster} --service ${incident.optedIn} --redeploy --wait`,
    );
    for (const name of incident.blocked)
      expect(result.out, context).toContain(`${incident.cluster} / ${name}  BLOCKED`);
    return;
  }
  if (line.includes(" decode")) {
    expect([0, 1], context).toContain(result.code);
    expect(result.out, context).toContain("HS256");
    return;
  }
  if (line.includes(" diagnose ")) {
    expect(result.code, context).toBe(0);
    expect(result.out, context).toContain("[signed-by-current]");
    return;
  }
  if (line.includes(" verify ") && line.includes("--wait")) {
    expect(result.code, context).toBe(1);
    expect(result.out, context).toContain(`${incident.cluster} / ${incident.optedIn}  CONVERGED`);
    expect(result.err, context).toMatch(new RegExp(`${incident.cluster}/${incident.optedIn} {2}CONVERGED`));
    expect(result.err, context).toContain("Needs an operator");
    for (const name of incident.blocked) expect(result.err, context).toContain(`/ ${name}  BLOCKED`);
    expect(result.err, context).toMatch(/--wait: polled \d+ time\(s\) until nothing else could move/);
    return;
  }
  if (line.includes(" verify ")) {
    expect(result.code, context).toBe(1);
    expect(result.out, context).toMatch(/stale {4}rejected 401/);
    return;
  }
  if (line.includes(" fingerprint ")) {
    expect(result.code, context).toBe(0);
    expect(result.out, context).toMatch(/^sha256:[0-9a-f]{16} /);
    return;
  }
  throw new Error(`no expectation for the documented command: ${line}`);
}

describe("the On-call section of docs/operations.md, verbatim, against npm run fleet -- --scenario incident", () => {
  it("has a step 0 that reads the verifier's latest report, then every step passes in order", async () => {
    const commands = onCallCommands();
    expect(commands[1]).toBe(
      `rollout-verifier report --stack EcsRolloutVerifier --secret-id ${incident.secret}`,
    );
    expect(commands.filter((line) => line.includes("--redeploy --wait"))).toHaveLength(1);
    for (const line of commands) expectStep(line, await run(line));
  }, 180_000);
});
