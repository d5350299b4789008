import { afterEach, describe, expect, it } from "vitest";
import type { FunctionInvocationOutcome } from "../../../../fleet/contracts.js";
import type { HookPayload } from "../../../../fleet/ecs/staged/hook-payload.js";
import { createClusterWithDefinition, jwtTaskDefinition, testNetwork, until } from "./ecs-test-runtime.js";

type TestEcs = Awaited<ReturnType<typeof createClusterWithDefinition>>;
let current: TestEcs | undefined;

afterEach(async () => {
  await current?.runtime.shutdown();
  current = undefined;
});

const hookTargetArn = "arn:aws:lambda:eu-west-1:123456789012:function:gate";
const roleArn = "arn:aws:iam::123456789012:role/ecs-hooks";
const ok = (hookStatus: string): FunctionInvocationOutcome => ({ ok: true, result: { hookStatus } });

/**
 * A service created with `configuration` (hooks answer SUCCEEDED while it is created), then moved to
 * jwt:2; `answer` decides every hook call of that second deployment, which `calls` records.
 */
async function deploy(
  configuration: Record<string, unknown>,
  answer: (payload: HookPayload) => FunctionInvocationOutcome = () => ok("SUCCEEDED"),
  options: { circuitBreakerMinThreshold?: number; updateConfiguration?: Record<string, unknown> } = {},
) {
  const calls: HookPayload[] = [];
  let armed = false;
  current = await createClusterWithDefinition({
    ...(options.circuitBreakerMinThreshold === undefined
      ? {}
      : { circuitBreakerMinThreshold: options.circuitBreakerMinThreshold }),
    invokeFunction: async (_arn, payload) => {
      if (!armed) return ok("SUCCEEDED");
      calls.push(payload as HookPayload);
      return answer(payload as HookPayload);
    },
  });
  const ecs = current;
  await ecs.call("CreateService", {
    networkConfiguration: testNetwork,
    cluster: "c1",
    serviceName: "api",
    taskDefinition: "jwt",
    desiredCount: 2,
    deploymentConfiguration: configuration,
  });
  const service = () => [...ecs.runtime.state.services.values()][0];
  await until(() => service()?.deployments[0]?.serviceDeploymentStatus === "SUCCESSFUL");
  armed = true;
  ecs.secrets.values.set("secret-b", "value-2");
  await ecs.call("RegisterTaskDefinition", jwtTaskDefinition("jwt", "secret-b"));
  await ecs.call("UpdateService", {
    cluster: "c1",
    service: "api",
    taskDefinition: "jwt:2",
    ...(options.updateConfiguration ? { deploymentConfiguration: options.updateConfiguration } : {}),
  });
  const green = service()?.deployments[0];
  if (!green) throw new Error("no deployment");
  return { ecs, service, green, calls };
}

const lambdaHook = (stages: string[], extra: Record<string, unknown> = {}) => ({
  hookTargetArn,
  roleArn,
  lifecycleStages: stages,
  ...extra,
});

describe("LINEAR, CANARY, timeouts and pause hooks", () => {
  it("invokes PRE_PRODUCTION_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT at every linear step", async () => {
    const { green, calls } = await deploy({
      strategy: "LINEAR",
      linearConfiguration: { stepPercent: 40, stepBakeTimeInMinutes: 0 },
      lifecycleHooks: [lambdaHook(["PRE_PRODUCTION_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT"])],
    });
    await until(() => green.serviceDeploymentStatus === "SUCCESSFUL");
    const greenShare = calls.map((call) => [
      call.lifecycleStage,
      call.executionDetails.productionTrafficWeights[green.revisionArn],
    ]);
    expect(greenShare).toEqual([
      ["PRE_PRODUCTION_TRAFFIC_SHIFT", 0],
      ["PRODUCTION_TRAFFIC_SHIFT", 40],
      ["PRE_PRODUCTION_TRAFFIC_SHIFT", 40],
      ["PRODUCTION_TRAFFIC_SHIFT", 80],
      ["PRE_PRODUCTION_TRAFFIC_SHIFT", 80],
      ["PRODUCTION_TRAFFIC_SHIFT", 100],
    ]);
  });

  it("shifts a canary share first, then the rest", async () => {
    const { green, calls } = await deploy({
      strategy: "CANARY",
      canaryConfiguration: { canaryPercent: 5, canaryBakeTimeInMinutes: 0 },
      lifecycleHooks: [lambdaHook(["PRODUCTION_TRAFFIC_SHIFT"])],
    });
    await until(() => green.serviceDeploymentStatus === "SUCCESSFUL");
    expect(calls.map((call) => call.executionDetails.productionTrafficWeights[green.revisionArn])).toEqual([
      5, 100,
    ]);
  });

  it("shifts traffic back to blue through the traffic-shift hooks when a later stage fails", async () => {
    const { green, calls, service } = await deploy(
      {
        strategy: "BLUE_GREEN",
        lifecycleHooks: [
          lambdaHook(["TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT"]),
        ],
      },
      (payload) => ok(payload.lifecycleStage === "POST_PRODUCTION_TRAFFIC_SHIFT" ? "FAILED" : "SUCCEEDED"),
    );
    await until(() => green.serviceDeploymentStatus === "ROLLBACK_SUCCESSFUL");
    const blue = green.sourceRevisionArns[0] ?? "";
    expect(calls.map((call) => call.lifecycleStage)).toEqual([
      "TEST_TRAFFIC_SHIFT",
      "PRODUCTION_TRAFFIC_SHIFT",
      "POST_PRODUCTION_TRAFFIC_SHIFT",
      "PRODUCTION_TRAFFIC_SHIFT",
      "TEST_TRAFFIC_SHIFT",
    ]);
    expect(calls[3]?.executionDetails.productionTrafficWeights).toEqual({
      [green.revisionArn]: 0,
      [blue]: 100,
    });
    expect(calls[3]?.executionDetails.targetServiceRevisionArn).toBe(green.revisionArn);
    expect([...(service()?.liveTasks ?? [])].every((task) => task.taskDefinition.arn.endsWith(":1"))).toBe(
      true,
    );
  });

  it.each([
    ["ROLLBACK", "ROLLBACK_SUCCESSFUL"],
    ["CONTINUE", "SUCCESSFUL"],
  ])("applies the timeout action %s to a hook that stays IN_PROGRESS", async (action, status) => {
    const { green } = await deploy(
      {
        strategy: "BLUE_GREEN",
        lifecycleHooks: [
          lambdaHook(["POST_SCALE_UP"], { timeoutConfiguration: { timeoutInMinutes: 1, action } }),
        ],
      },
      () => ({ ok: true, result: { hookStatus: "IN_PROGRESS", callBackDelay: 5 } }),
    );
    await until(() => green.serviceDeploymentStatus === status);
    expect(green.hookExecutions.find((execution) => execution.stage === "POST_SCALE_UP")?.status).toBe(
      "TIMED_OUT",
    );
  });

  it("waits at a PAUSE hook until ContinueServiceDeployment, and rolls back when it says ROLLBACK", async () => {
    const { ecs, green } = await deploy({ strategy: "BLUE_GREEN" }, undefined, {
      updateConfiguration: { lifecycleHooks: [{ targetType: "PAUSE", lifecycleStages: ["POST_SCALE_UP"] }] },
    });
    await until(() => green.hookExecutions.some((execution) => execution.status === "AWAITING_ACTION"));
    const paused = green.hookExecutions.find((execution) => execution.status === "AWAITING_ACTION");
    const { serviceDeployments } = await ecs.call("DescribeServiceDeployments", {
      serviceDeploymentArns: [green.serviceDeploymentArn],
    });
    expect(serviceDeployments[0].lifecycleHookDetails).toEqual([
      expect.objectContaining({ hookId: paused?.hookId, targetType: "PAUSE", status: "AWAITING_ACTION" }),
    ]);
    await ecs.call("ContinueServiceDeployment", {
      serviceDeploymentArn: green.serviceDeploymentArn,
      hookId: paused?.hookId,
      action: "ROLLBACK",
    });
    await until(() => green.serviceDeploymentStatus === "ROLLBACK_SUCCESSFUL");
    await expect(
      ecs.call("ContinueServiceDeployment", { serviceDeploymentArn: "arn:nope", hookId: "x" }),
    ).rejects.toMatchObject({ type: "ServiceDeploymentNotFoundException" });
  });

  it("rolls a blue/green deployment back when its green tasks trip the circuit breaker", async () => {
    const { ecs, service } = await deploy(
      {
        strategy: "BLUE_GREEN",
        deploymentCircuitBreaker: { enable: true, rollback: true },
        lifecycleHooks: [],
      },
      undefined,
      { circuitBreakerMinThreshold: 2 },
    );
    await ecs.call("RegisterTaskDefinition", jwtTaskDefinition("jwt", "missing-secret"));
    await ecs.call("UpdateService", { cluster: "c1", service: "api", taskDefinition: "jwt:3" });
    const broken = service()?.deployments[0];
    await until(() => broken?.serviceDeploymentStatus === "ROLLBACK_SUCCESSFUL");
    expect(broken?.statusReason).toBe("ECS deployment circuit breaker: task failed to start.");
    expect(service()?.taskDefinitionArn).toMatch(/:2$/);
  });
});
