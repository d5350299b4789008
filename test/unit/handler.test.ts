import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import type { Context } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { HandlerResult } from "../../lambda/core/handle-event.js";
import { createLambdaContext } from "../support/lambda-context.js";
import { forcedDeploymentId, scenarioResponse, withSdkDates } from "./aws-scenario-responses.js";
import { eventVariant, loadAwsFixture } from "./core/aws-fixtures.js";

const ecs = mockClient(ECSClient);
const secrets = mockClient(SecretsManagerClient);

/** Every command of the scenario answered from the fixtures, as the SDK would return them. */
function answerFromScenario(): void {
  const answer = (operation: string) => (input: Record<string, unknown>) =>
    withSdkDates(scenarioResponse(operation, input));
  ecs.on(ListClustersCommand).callsFake(answer("ListClusters"));
  ecs.on(ListServicesCommand).callsFake(answer("ListServices"));
  ecs.on(DescribeServicesCommand).callsFake(answer("DescribeServices"));
  ecs.on(DescribeTaskDefinitionCommand).callsFake(answer("DescribeTaskDefinition"));
  ecs.on(ListTasksCommand).callsFake(answer("ListTasks"));
  ecs.on(DescribeTasksCommand).callsFake(answer("DescribeTasks"));
  ecs.on(UpdateServiceCommand).callsFake(answer("UpdateService"));
  secrets.on(DescribeSecretCommand).callsFake(answer("DescribeSecret"));
  secrets.on(GetSecretValueCommand).callsFake(answer("GetSecretValue"));
}

async function loadHandler(env: Record<string, string> = {}) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.stubEnv("AWS_REGION", "eu-west-1");
  const { handler } = await import("../../lambda/handler.js");
  // EventBridge and direct events only here: a lifecycle hook's answer is tested in test/unit/core/gate.
  return (event: unknown, context?: Context) => handler(event, context) as Promise<HandlerResult>;
}

describe("handler", () => {
  let output: string[];

  beforeEach(() => {
    // The fixture scenario's own moment (its snapshot, 03:15:15Z): the handler reads the real clock.
    vi.useFakeTimers({ now: new Date("2025-06-01T03:15:15Z"), toFake: ["Date"] });
    ecs.reset();
    secrets.reset();
    answerFromScenario();
    output = [];
    for (const stream of [process.stdout, process.stderr])
      vi.spyOn(stream, "write").mockImplementation((chunk) => {
        output.push(String(chunk));
        return true;
      });
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it("ignores a PutSecretValue(AWSPENDING) without any AWS call and says why", async () => {
    const handler = await loadHandler();
    const result = await handler(eventVariant("cloudtrail-putsecretvalue.json"), createLambdaContext());
    expect(result).toMatchObject({ outcome: "ignored", reports: [] });
    expect(ecs.calls()).toHaveLength(0);
    expect(secrets.calls()).toHaveLength(0);
    expect(output.join("")).toContain("event ignored");
  });

  it("verifies a Secret Label Updated cut-over with zero config and returns the report", async () => {
    const handler = await loadHandler();
    const result = await handler(
      eventVariant("secretsmanager-secret-label-updated.json"),
      createLambdaContext(),
    );
    expect(result.outcome).toBe("verified");
    const report = result.reports[0];
    expect(report?.services.map((s) => [s.service, s.verdict, s.action])).toEqual([
      ["orders-api", "redeploy", "forced-deployment"],
      ["orders-worker", "wait", "none"],
    ]);
    expect(report?.services[0]?.deploymentId).toBe(forcedDeploymentId);
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(1);
    expect(ecs.commandCalls(UpdateServiceCommand)[0]?.args[0].input).toMatchObject({
      service: "orders-api",
      forceNewDeployment: true,
    });
    expect(secrets.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toMatchObject({
      VersionStage: "AWSCURRENT",
    });
  });

  it("logs the summary and the non-current tasks and emits EMF metrics", async () => {
    const handler = await loadHandler();
    await handler(eventVariant("secretsmanager-secret-label-updated.json"), createLambdaContext());
    const records = output
      .join("")
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line));
    expect(records.some((r) => r._aws?.CloudWatchMetrics)).toBe(true);
    expect(records.filter((r) => r.taskArn).length).toBeGreaterThanOrEqual(2);
  });

  it("changes nothing when VERIFIER_DRY_RUN is true", async () => {
    const handler = await loadHandler({ VERIFIER_DRY_RUN: "true" });
    const result = await handler(
      eventVariant("secretsmanager-secret-label-updated.json"),
      createLambdaContext(),
    );
    expect(result.reports[0]?.services[0]?.action).toBe("dry-run");
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it("answers a lifecycle hook with exactly what ECS reads: hookStatus and hookDetails, no report envelope", async () => {
    const handler = await loadHandler();
    const payload = loadAwsFixture("lambda/ecs-lifecycle-hook-post-scale-up.json");
    const result: unknown = await handler(
      { ...payload, lifecycleStage: "TEST_TRAFFIC_SHIFT" },
      createLambdaContext(),
    );
    expect(result).toEqual({
      hookStatus: "SUCCEEDED",
      hookDetails: {
        rolloutVerifierGateReason: expect.stringContaining(
          "at TEST_TRAFFIC_SHIFT it lets the deployment go on",
        ),
      },
    });
    expect(ecs.calls()).toHaveLength(0);
  });

  it("fails at load time on unusable configuration", async () => {
    await expect(loadHandler({ VERIFIER_MAX_REDEPLOYS_PER_RUN: "many" })).rejects.toMatchObject({
      code: "CONFIG_INVALID",
    });
  });

  it("throws a typed error for a malformed known event, after acting on nothing", async () => {
    const handler = await loadHandler();
    const event = eventVariant("secretsmanager-secret-label-updated.json", (e) => {
      delete e.detail.versionId;
    });
    await expect(handler(event, createLambdaContext())).rejects.toMatchObject({ code: "EVENT_MALFORMED" });
    expect(ecs.calls()).toHaveLength(0);
  });
});
