import { PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../../../bin/cli.js";
import { type Fleet, startFleet } from "../../../fleet/start-fleet.js";
import type { HandlerResult } from "../../../lambda/core/handle-event.js";
import { fingerprintKey } from "../../../lambda/core/probes/keys/key-fingerprint.js";
import type { RunReport } from "../../../lambda/core/report/report.js";
import { bufferIo } from "../../unit/cli/buffer-io.js";

const previous = "fleet-previous-shared-secret-0001";
const current = "fleet-current-shared-secret-0002";
/** A partial ARN (no random suffix), as ECS accepts; a bare name would mean an SSM parameter. */
const partialArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/jwt";
let fleet: Fleet;

const scenario = {
  secrets: [{ Name: "prod/jwt", SecretString: previous }],
  clusters: [{ clusterName: "prod" }],
  taskDefinitions: [
    {
      family: "orders",
      networkMode: "awsvpc",
      executionRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
      containerDefinitions: [
        {
          name: "api",
          image: "sample/jwt-api:jose",
          portMappings: [{ containerPort: 8080 }],
          secrets: [{ name: "JWT_SECRET", valueFrom: partialArn }],
        },
      ],
    },
  ],
  services: [
    {
      cluster: "prod",
      serviceName: "orders",
      taskDefinition: "orders",
      desiredCount: 2,
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0local"] } },
      tags: [
        { key: "rollout-verifier:probe-path", value: "/api/orders" },
        { key: "rollout-verifier:redeploy", value: "true" },
      ],
    },
  ],
};

/** Runs the CLI in-process with the real adapters: the SDK finds the fleet through AWS_ENDPOINT_URL. */
async function cli(argv: string[], stdin?: string) {
  const buffers = bufferIo(stdin === undefined ? {} : { stdin });
  const code = await runCli(argv, buffers.io);
  return { code, out: buffers.stdout(), err: buffers.stderr() };
}

function hs256(secret: string): Promise<string> {
  return new SignJWT({ sub: "svc" })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode(secret));
}

beforeAll(async () => {
  fleet = await startFleet({ taskStartDelayMs: 50, deploymentPacing: { stepDelayMs: 10 }, scenario });
  vi.stubEnv("AWS_ENDPOINT_URL", fleet.endpoint);
  vi.stubEnv("AWS_REGION", "eu-west-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "fleet");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "fleet");
  await fleet.waitForSteadyState("prod", "orders");
  const client = new SecretsManagerClient({ maxAttempts: 1 });
  await client.send(new PutSecretValueCommand({ SecretId: "prod/jwt", SecretString: current }));
  client.destroy();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await fleet?.stop();
});

describe("the CLI against the local fleet over HTTP", () => {
  it("fingerprints AWSCURRENT and AWSPREVIOUS as the Lambda would, never printing a value", async () => {
    const now = await cli(["fingerprint", "--secret-id", "prod/jwt"]);
    const before = await cli(["fingerprint", "--secret-id", "prod/jwt", "--version-stage", "AWSPREVIOUS"]);
    expect(now.out).toContain(fingerprintKey(current));
    expect(before.out).toContain(fingerprintKey(previous));
    expect(now.out + before.out).not.toContain(current);
  });

  it("diagnoses a token signed with AWSPREVIOUS as a stale issuer", async () => {
    const { code, out } = await cli(["diagnose", "--secret-id", "prod/jwt", "--json"], await hs256(previous));
    expect(code).toBe(1);
    expect((JSON.parse(out) as { causes: { code: string }[] }).causes[0]?.code).toBe("signed-by-previous");
  });

  it("exits 3 naming the call and the secret when the secret does not exist", async () => {
    const { code, err } = await cli(["fingerprint", "--secret-id", "prod/absent"]);
    expect(code).toBe(3);
    expect(err).toContain("prod/absent");
  });

  it("verify finds the tasks that started before the rotation stale, read-only", async () => {
    const { code, out } = await cli(["verify", "--secret-id", "prod/jwt", "--json"]);
    const report = JSON.parse(out) as RunReport;
    expect(code).toBe(1);
    expect(report.dryRun).toBe(true);
    expect(report.keyFingerprint).toBe(fingerprintKey(current));
    expect(report.services[0]).toMatchObject({ service: "orders", verdict: "redeploy", action: "dry-run" });
    expect(report.services[0]?.tasks.map((task) => [task.verdict, task.probe.status])).toEqual([
      ["stale", "rejected"],
      ["stale", "rejected"],
    ]);
  });

  it("verify --json equals the Lambda handler's report for the same fleet state", async () => {
    const { handler } = await import("../../../lambda/handler.js");
    const lambda = (await handler({ secretId: "prod/jwt", dryRun: true })) as HandlerResult;
    const { out } = await cli(["verify", "--secret-id", "prod/jwt", "--json"]);
    expect(comparable(JSON.parse(out) as RunReport)).toEqual(comparable(lambda.reports[0] as RunReport));
  });

  it("verify --no-probe contacts no task and still calls the old tasks stale by their start time", async () => {
    const { code, out } = await cli(["verify", "--secret-id", "prod/jwt", "--no-probe"]);
    expect(code).toBe(1);
    expect(out).toContain("off (--no-probe)");
    expect(out).not.toMatch(/rejected|accepted/);
  });

  it("verify --redeploy replaces the stale tasks, after which verify exits 0", async () => {
    const forced = await cli(["verify", "--secret-id", "prod/jwt", "--redeploy", "--json"]);
    expect((JSON.parse(forced.out) as RunReport).services[0]?.action).toBe("forced-deployment");
    await fleet.waitForSteadyState("prod", "orders");
    const after = await cli(["verify", "--secret-id", "prod/jwt"]);
    expect(after.out.trimEnd().split("\n").at(-1)).toMatch(
      /^ALL CURRENT: 2 tasks in 1 service hold version /,
    );
    expect(after.code).toBe(0);
  });
});

/** A report without what differs between two runs of the same state: run id, times, latencies. */
function comparable(report: RunReport): unknown {
  const { runId: _runId, startedAt: _s, finishedAt: _f, durationMs: _d, ...rest } = report;
  return JSON.parse(JSON.stringify(rest, (key, value) => (key === "latencyMs" ? undefined : value)));
}
