import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forcedDeploymentId, scenarioResponse } from "./aws-scenario-responses.js";

const root = new URL("../../", import.meta.url);
const bundle = new URL("dist/handler.mjs", root);
const eventPath = new URL("test/fixtures/aws/events/secretsmanager-secret-label-updated.json", root);

/** Runs a command to completion, resolving with its exit code and output. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, input?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

/** A loopback AWS JSON 1.1 endpoint answering ECS and Secrets Manager from the fixture scenario. */
function startStub(operations: string[]): Promise<Server> {
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const operation =
        String(request.headers["x-amz-target"] ?? "")
          .split(".")
          .pop() ?? "";
      operations.push(operation);
      try {
        const payload = scenarioResponse(operation, body ? JSON.parse(body) : {});
        response
          .writeHead(200, { "content-type": "application/x-amz-json-1.1" })
          .end(JSON.stringify(payload));
      } catch (error) {
        response
          .writeHead(400, { "content-type": "application/x-amz-json-1.1" })
          .end(JSON.stringify({ __type: "InvalidRequestException", message: String(error) }));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/**
 * Imports the bundle in a fresh Node process and prints the handler's result on a marked line. The
 * process's clock starts at the fixture scenario's own moment (its snapshot, 03:15:15Z), as fake
 * timers do in-process: the scenario's deployments are judged at the age they had then.
 */
const invokeScript = `
const RealDate = Date;
const offset = RealDate.parse("2025-06-01T03:15:15Z") - RealDate.now();
globalThis.Date = class extends RealDate {
  constructor(...args) { super(...(args.length === 0 ? [RealDate.now() + offset] : args)); }
  static now() { return RealDate.now() + offset; }
};
const { handler } = await import(process.env.BUNDLE_URL);
const event = JSON.parse(await new Response(process.stdin).text());
const result = await handler(event);
process.stdout.write("\\nRESULT " + JSON.stringify(result) + "\\n");
`;

describe("the Lambda bundle", () => {
  let server: Server;
  const operations: string[] = [];

  beforeAll(async () => {
    const build = await run(process.execPath, ["--import", "tsx", "scripts/build-lambda.ts"], process.env);
    if (build.code !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
    server = await startStub(operations);
  }, 120_000);

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("is built as one ESM file exporting handler", () => {
    expect(existsSync(bundle)).toBe(true);
    expect(readFileSync(bundle, "utf8")).toMatch(/export\s*\{[^}]*handler/);
  });

  it("verifies the fixture cut-over in a fresh process against an endpoint set only through env", async () => {
    const { port } = server.address() as AddressInfo;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      BUNDLE_URL: bundle.href,
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "AKIAEXAMPLEBUNDLETEST",
      AWS_SECRET_ACCESS_KEY: "bundle-test-not-a-real-key",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      AWS_EC2_METADATA_DISABLED: "true",
    };
    const child = await run(
      process.execPath,
      ["--input-type=module", "-e", invokeScript],
      env,
      readFileSync(eventPath, "utf8"),
    );
    expect(child.code, child.stderr).toBe(0);
    const line = child.stdout.split("\n").find((l) => l.startsWith("RESULT "));
    const result = JSON.parse((line ?? "RESULT null").slice("RESULT ".length));
    expect(result.outcome).toBe("verified");
    expect(
      result.reports[0].services.map((s: { service: string; verdict: string }) => [s.service, s.verdict]),
    ).toEqual([
      ["orders-api", "redeploy"],
      ["orders-worker", "wait"],
    ]);
    expect(result.reports[0].services[0].deploymentId).toBe(forcedDeploymentId);
    expect(operations).toContain("UpdateService");
    // AWSCURRENT once, AWSPREVIOUS (the control token's key) once: never per task.
    expect(operations.filter((op) => op === "GetSecretValue")).toHaveLength(2);
  }, 60_000);
});
