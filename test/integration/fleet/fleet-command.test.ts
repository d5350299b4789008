import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseFleetArgs, runFleetCommand } from "../../../fleet/fleet-command.js";

const example = fileURLToPath(new URL("../../../fleet/scenario/example-scenario.json", import.meta.url));
/** `npm run fleet`'s entry point. */
const entry = fileURLToPath(new URL("../../../fleet/fleet-main.ts", import.meta.url));

function readyEndpoint(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    stream.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const match = /^ready (http:\/\/127\.0\.0\.1:\d+)$/m.exec(text);
      if (match?.[1]) resolve(match[1]);
    });
  });
}

/** The loopback address of a RUNNING task of the cluster, polling until one runs. */
async function runningAddress(endpoint: string, cluster: string): Promise<string> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const listed = (await ecs(endpoint, "ListTasks", { cluster })) as { taskArns: string[] };
    if (listed.taskArns.length > 0) {
      const { tasks } = (await ecs(endpoint, "DescribeTasks", { cluster, tasks: listed.taskArns })) as {
        tasks: {
          lastStatus: string;
          containers: { networkInterfaces: { privateIpv4Address: string }[] }[];
        }[];
      };
      const running = tasks.find((task) => task.lastStatus === "RUNNING");
      const address = running?.containers[0]?.networkInterfaces[0]?.privateIpv4Address;
      if (address) return address;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no RUNNING task in ${cluster}`);
}

async function ecs(endpoint: string, operation: string, input: Record<string, unknown>) {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      "x-amz-target": `AmazonEC2ContainerServiceV20141113.${operation}`,
      "content-type": "application/x-amz-json-1.1",
    },
    body: JSON.stringify(input),
  });
  return (await response.json()) as Record<string, unknown>;
}

describe("fleet command", () => {
  it("applies a scenario, prints ready, writes events as JSON lines and stops on request", async () => {
    const stdout = new PassThrough();
    const controller = new AbortController();
    const events = join(tmpdir(), `fleet-events-${process.pid}-${Date.now()}.jsonl`);
    const exit = runFleetCommand(["--scenario", example, "--events", events, "--task-start-delay-ms", "20"], {
      stdout,
      stderr: new PassThrough(),
      stopSignal: controller.signal,
    });
    const endpoint = await readyEndpoint(stdout);
    const described = await ecs(endpoint, "DescribeServices", { cluster: "demo", services: ["orders-api"] });
    expect(described.services).toMatchObject([{ serviceName: "orders-api", desiredCount: 3 }]);
    await runningAddress(endpoint, "demo");
    controller.abort();
    expect(await exit).toBe(0);
    const lines = (await readFile(events, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const types = new Set(lines.map((event: { "detail-type": string }) => event["detail-type"]));
    expect(types).toContain("ECS Deployment State Change");
    expect(types).toContain("ECS Task State Change");
  });

  it("rejects unknown options and malformed values with usage", () => {
    expect(parseFleetArgs(["--bogus", "1"])).toBe("fleet: unknown option --bogus");
    expect(parseFleetArgs(["--port", "http"])).toBe("fleet: --port must be a non-negative integer");
    expect(parseFleetArgs(["--port"])).toBe("fleet: --port needs a value");
    expect(parseFleetArgs(["--port", "4566", "--invoke", "event.json"])).toEqual({
      port: 4566,
      invoke: "event.json",
    });
  });

  it("exits 2 on bad usage without starting anything", async () => {
    const stderr = new PassThrough();
    expect(await runFleetCommand(["--task-mode", "docker"], { stderr, stdout: new PassThrough() })).toBe(2);
    expect(String(stderr.read())).toContain("usage: fleet");
  });

  it("runs as npm run fleet's process that stops cleanly on SIGTERM, its port and task servers closed", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", entry, "--scenario", example, "--task-start-delay-ms", "20"],
      {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const endpoint = await readyEndpoint(child.stdout);
      const address = await runningAddress(endpoint, "demo");
      expect((await fetch(`http://${address}:8080/health`)).status).toBe(200);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      await expect(fetch(`http://${address}:8080/health`)).rejects.toThrow();
      await expect(fetch(endpoint, { method: "POST", signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});

describe("fleet --scenario incident", () => {
  it("starts through the incident hook, prints its notes before ready, and stops it on request", async () => {
    const { startFleet } = await import("../../../fleet/start-fleet.js");
    const out = new PassThrough();
    let printed = "";
    out.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    const stop = new AbortController();
    let stopped = false;
    const code = runFleetCommand(["--scenario", "incident", "--task-start-delay-ms", "0"], {
      stdout: out,
      stderr: out,
      stopSignal: stop.signal,
      incident: async (options) => {
        expect(options.taskStartDelayMs).toBe(0);
        const fleet = await startFleet(options);
        return {
          fleet,
          notes: "incident: notes\n",
          stop: async () => {
            stopped = true;
            await fleet.stop();
          },
        };
      },
    });
    await new Promise<void>((resolve) => out.on("data", () => printed.includes("ready ") && resolve()));
    expect(printed).toMatch(/^incident: notes\nready http:\/\/127\.0\.0\.1:\d+\n$/);
    stop.abort();
    expect(await code).toBe(0);
    expect(stopped).toBe(true);
  });

  it("is refused with --invoke (it deploys the verifier itself) and outside the development entry point", async () => {
    const err = new PassThrough();
    let text = "";
    err.on("data", (chunk: Buffer) => (text += chunk.toString()));
    expect(await runFleetCommand(["--scenario", "incident"], { stdout: err, stderr: err })).toBe(2);
    expect(text).toContain("needs the development entry point");
  });
});
