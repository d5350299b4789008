import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  DescribeServicesCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
} from "@aws-sdk/client-ecs";
import { PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterAll, describe, expect, it } from "vitest";
import { jwtScenario } from "../scenarios/scenario-builders.js";

/** The CLI runs in a scratch directory: `--invoke` writes `.fleet/` under its working directory. */
const workDir = mkdtempSync(join(tmpdir(), "fleet-invoke-"));
const logFile = join(workDir, ".fleet/rollout-verifier.log");
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill("SIGKILL");
});

function waitForOutput(
  stream: NodeJS.ReadableStream,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<RegExpExecArray> {
  return new Promise((resolveMatch, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in: ${text}`)), timeoutMs);
    stream.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const match = pattern.exec(text);
      if (match) {
        clearTimeout(timer);
        resolveMatch(match);
      }
    });
  });
}

async function waitForLog(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = (() => {
      try {
        return readFileSync(logFile, "utf8");
      } catch {
        return "";
      }
    })();
    if (pattern.test(log)) return log;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in the function log`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Polls the fleet's ECS until every service of every cluster runs its desired count (at least one task). */
async function waitForRunningTasks(endpoint: string, timeoutMs = 30_000): Promise<void> {
  const ecs = new ECSClient({
    endpoint,
    region: "eu-west-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const { clusterArns = [] } = await ecs.send(new ListClustersCommand({}));
      const services = [];
      for (const cluster of clusterArns) {
        const { serviceArns = [] } = await ecs.send(new ListServicesCommand({ cluster }));
        if (serviceArns.length === 0) continue;
        const described = await ecs.send(new DescribeServicesCommand({ cluster, services: serviceArns }));
        services.push(...(described.services ?? []));
      }
      const running =
        services.length > 0 &&
        services.every((service) => (service.runningCount ?? 0) >= Math.max(1, service.desiredCount ?? 0));
      if (running) return;
      if (Date.now() > deadline) throw new Error("the fleet's tasks did not start");
      await new Promise((done) => setTimeout(done, 50));
    }
  } finally {
    ecs.destroy();
  }
}

describe("npm run fleet -- --invoke dist/handler.mjs", () => {
  it("runs the bundled verifier on the fleet's events and writes its logs and EMF metrics to a file", async () => {
    const scenarioFile = join(workDir, "scenario.json");
    const scenario = jwtScenario(
      [{ name: "prod/jwt", value: "fleet-invoke-old-key-000000000001" }],
      [{ name: "orders", image: "sample/jwt-api:jose" }],
    );
    writeFileSync(scenarioFile, JSON.stringify(scenario));
    child = spawn(
      process.execPath,
      [
        "--import",
        import.meta.resolve("tsx"),
        resolve("fleet/fleet-main.ts"),
        "--invoke",
        resolve("dist/handler.mjs"),
        "--scenario",
        scenarioFile,
        "--task-start-delay-ms",
        "30",
      ],
      { cwd: workDir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
    );
    const stdout = child.stdout as NodeJS.ReadableStream;
    const [, endpoint] = await waitForOutput(stdout, /^ready (http:\/\/127\.0\.0\.1:\d+)$/m);
    const secrets = new SecretsManagerClient({
      endpoint,
      region: "eu-west-1",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
    });
    // The rotation must find the scenario's tasks running: wait until ECS says so, not a fixed time.
    await waitForRunningTasks(endpoint as string);
    await secrets.send(
      new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: "fleet-invoke-new-key-0000000001" }),
    );
    secrets.destroy();

    const log = await waitForLog(/"action":"forced-deployment"/);
    expect(log).toMatch(/START RequestId: [\w-]+ Version: \$LATEST/);
    expect(log).toContain('"_aws"');
    expect(log).not.toContain("fleet-invoke-new-key-0000000001");

    const exited = new Promise<number | null>((done) => child?.once("exit", (code) => done(code)));
    const stopped = waitForOutput(stdout, /^stopped$/m);
    child.kill("SIGTERM");
    await stopped;
    expect(await exited).toBe(0);
  }, 60_000);
});
