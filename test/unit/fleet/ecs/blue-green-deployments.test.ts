import { afterEach, describe, expect, it } from "vitest";
import type { FleetEvent, FunctionInvocationOutcome } from "../../../../fleet/contracts.js";
import type { HookPayload } from "../../../../fleet/ecs/staged/hook-payload.js";
import { createClusterWithDefinition, jwtTaskDefinition, testNetwork, until } from "./ecs-test-runtime.js";

type TestEcs = Awaited<ReturnType<typeof createClusterWithDefinition>>;
let current: TestEcs | undefined;

afterEach(async () => {
  await current?.runtime.shutdown();
  current = undefined;
});

const hookArn = "arn:aws:lambda:eu-west-1:123456789012:function:gate";
const roleArn = "arn:aws:iam::123456789012:role/ecs-hooks";
const allStages = [
  "RECONCILE_SERVICE",
  "PRE_SCALE_UP",
  "POST_SCALE_UP",
  "TEST_TRAFFIC_SHIFT",
  "POST_TEST_TRAFFIC_SHIFT",
  "PRE_PRODUCTION_TRAFFIC_SHIFT",
  "PRODUCTION_TRAFFIC_SHIFT",
  "POST_PRODUCTION_TRAFFIC_SHIFT",
];

/**
 * A hook function: SUCCEEDED while the service is being created, then answers by `answer` and
 * records every payload with the task definitions RUNNING at that moment.
 */
function hookFunction(answer: (payload: HookPayload, calls: number) => FunctionInvocationOutcome) {
  const calls: { payload: HookPayload; at: number; liveTaskDefinitions: string[] }[] = [];
  let ecs: TestEcs | undefined;
  return {
    calls,
    bind(target: TestEcs) {
      ecs = target;
    },
    invoke: async (functionArn: string, payload: unknown): Promise<FunctionInvocationOutcome> => {
      expect(functionArn).toBe(hookArn);
      if (ecs === undefined) return succeed();
      const typed = payload as HookPayload;
      const live = [...(ecs?.runtime.state.tasks.values() ?? [])].filter(
        (task) => task.lastStatus === "RUNNING" && task.desiredStatus === "RUNNING",
      );
      calls.push({
        payload: typed,
        at: Date.now(),
        liveTaskDefinitions: live.map((t) => t.taskDefinition.arn),
      });
      return answer(typed, calls.length);
    },
  };
}

const succeed = (): FunctionInvocationOutcome => ({ ok: true, result: { hookStatus: "SUCCEEDED" } });

/** A BLUE_GREEN service `api` (2 tasks of jwt:1) with one hook; resolves once it is steady and the hook log is cleared. */
async function blueGreenService(
  hook: ReturnType<typeof hookFunction>,
  extra: Record<string, unknown> = {},
  lifecycleStages = allStages,
  deploymentExtra: Record<string, unknown> = {},
) {
  current = await createClusterWithDefinition({ invokeFunction: hook.invoke });
  const ecs = current;
  await ecs.call("CreateService", {
    networkConfiguration: testNetwork,
    cluster: "c1",
    serviceName: "api",
    taskDefinition: "jwt",
    desiredCount: 2,
    deploymentConfiguration: {
      strategy: "BLUE_GREEN",
      bakeTimeInMinutes: 0,
      lifecycleHooks: [
        { hookTargetArn: hookArn, roleArn, lifecycleStages, hookDetails: { watched: "secret-a" }, ...extra },
      ],
      ...deploymentExtra,
    },
  });
  const service = () => [...ecs.runtime.state.services.values()][0];
  await until(() => service()?.deployments[0]?.serviceDeploymentStatus === "SUCCESSFUL");
  hook.bind(ecs);
  const blueTasks = [...(service()?.liveTasks ?? [])].map((task) => task.arn);
  ecs.secrets.values.set("secret-b", "value-2");
  await ecs.call("RegisterTaskDefinition", jwtTaskDefinition("jwt", "secret-b"));
  const { service: updated } = await ecs.call("UpdateService", {
    cluster: "c1",
    service: "api",
    taskDefinition: "jwt:2",
  });
  const green = service()?.deployments[0];
  if (!green) throw new Error("no green deployment");
  return { ecs, service, green, blueTasks, updated };
}

const deploymentEvents = (events: FleetEvent[]) =>
  events
    .filter((event) => event["detail-type"] === "ECS Deployment State Change")
    .map((event) => event.detail);

describe("blue/green deployments with lifecycle hooks", () => {
  it("runs the hooks stage by stage with the documented payload, then shifts traffic, stops blue and completes", async () => {
    const hook = hookFunction(succeed);
    const { ecs, service, green } = await blueGreenService(hook);
    await until(() => green.serviceDeploymentStatus === "SUCCESSFUL");
    expect(hook.calls.map((call) => call.payload.lifecycleStage)).toEqual(allStages.slice(1));
    const postScaleUp = hook.calls.find((call) => call.payload.lifecycleStage === "POST_SCALE_UP");
    expect(postScaleUp?.liveTaskDefinitions.filter((arn) => arn.endsWith(":2"))).toHaveLength(2);
    expect(postScaleUp?.liveTaskDefinitions.filter((arn) => arn.endsWith(":1"))).toHaveLength(2);
    expect(postScaleUp?.payload).toEqual({
      executionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      lifecycleStage: "POST_SCALE_UP",
      resourceArn: green.serviceDeploymentArn,
      executionDetails: {
        serviceArn: "arn:aws:ecs:eu-west-1:123456789012:service/c1/api",
        targetServiceRevisionArn: green.revisionArn,
        testTrafficWeights: {},
        productionTrafficWeights: {},
      },
      hookDetails: { watched: "secret-a" },
    });
    const blueRevision = green.sourceRevisionArns[0] ?? "";
    const shift = hook.calls.find((call) => call.payload.lifecycleStage === "PRODUCTION_TRAFFIC_SHIFT");
    expect(shift?.payload.executionDetails.productionTrafficWeights).toEqual({
      [green.revisionArn]: 100,
      [blueRevision]: 0,
    });
    await until(() => (service()?.liveTasks.size ?? 0) === 2 && service()?.deployments.length === 1);
    expect([...(service()?.liveTasks ?? [])].every((task) => task.taskDefinition.arn.endsWith(":2"))).toBe(
      true,
    );
    expect(green.rolloutState).toBe("COMPLETED");
    expect(deploymentEvents(ecs.events).at(-1)).toMatchObject({
      eventName: "SERVICE_DEPLOYMENT_COMPLETED",
      deploymentId: green.id,
    });
    const { serviceDeployments } = await ecs.call("DescribeServiceDeployments", {
      serviceDeploymentArns: [green.serviceDeploymentArn],
    });
    expect(serviceDeployments[0]).toMatchObject({ status: "SUCCESSFUL", lifecycleStage: "CLEAN_UP" });
  });

  const failAtPostScaleUp = (payload: HookPayload): FunctionInvocationOutcome =>
    payload.lifecycleStage === "POST_SCALE_UP"
      ? { ok: true, result: { hookStatus: "FAILED" } }
      : { ok: true, result: { hookStatus: "SUCCEEDED" } };
  const breakerOn = { deploymentCircuitBreaker: { enable: true, rollback: true } };

  it("rolls back when the hook answers FAILED: green stopped, blue tasks untouched and PRIMARY again", async () => {
    const hook = hookFunction(failAtPostScaleUp);
    const { ecs, service, green, blueTasks } = await blueGreenService(hook, {}, allStages, breakerOn);
    await until(() => green.serviceDeploymentStatus === "ROLLBACK_SUCCESSFUL");
    expect(hook.calls.map((call) => call.payload.lifecycleStage)).toEqual(["PRE_SCALE_UP", "POST_SCALE_UP"]);
    expect([...(service()?.liveTasks ?? [])].map((task) => task.arn).sort()).toEqual([...blueTasks].sort());
    expect(service()?.deployments.map((d) => [d.status, d.taskDefinitionArn.split(":").at(-1)])).toEqual([
      ["PRIMARY", "1"],
    ]);
    expect(service()?.taskDefinitionArn).toMatch(/:1$/);
    expect(green.rolloutState).toBe("FAILED");
    const failed = deploymentEvents(ecs.events).find(
      (event) => event.eventName === "SERVICE_DEPLOYMENT_FAILED",
    );
    expect(failed).toMatchObject({ eventType: "ERROR", deploymentId: green.id });
    expect(failed?.reason).toBe(`lifecycle hook ${hookArn} at POST_SCALE_UP returned FAILED.`);
    const { serviceDeployments } = await ecs.call("DescribeServiceDeployments", {
      serviceDeploymentArns: [green.serviceDeploymentArn],
    });
    expect(serviceDeployments[0]).toMatchObject({
      status: "ROLLBACK_SUCCESSFUL",
      statusReason: failed?.reason,
      rollback: { serviceRevisionArn: green.sourceRevisionArns[0] },
    });
  });

  it("rolls back a hook's FAILED without SERVICE_DEPLOYMENT_FAILED when the circuit breaker is off", async () => {
    const hook = hookFunction(failAtPostScaleUp);
    const { ecs, service, green, blueTasks } = await blueGreenService(hook);
    await until(() => green.serviceDeploymentStatus === "ROLLBACK_SUCCESSFUL");
    expect([...(service()?.liveTasks ?? [])].map((task) => task.arn).sort()).toEqual([...blueTasks].sort());
    expect(green.rolloutState).toBe("FAILED");
    const names = deploymentEvents(ecs.events).map((event) => event.eventName);
    expect(names).toContain("SERVICE_DEPLOYMENT_IN_PROGRESS");
    expect(names).not.toContain("SERVICE_DEPLOYMENT_FAILED");
    const { serviceDeployments } = await ecs.call("DescribeServiceDeployments", {
      serviceDeploymentArns: [green.serviceDeploymentArn],
    });
    expect(serviceDeployments[0]).toMatchObject({
      status: "ROLLBACK_SUCCESSFUL",
      statusReason: `lifecycle hook ${hookArn} at POST_SCALE_UP returned FAILED.`,
    });
  });

  it("re-invokes an IN_PROGRESS hook after callBackDelay with the returned hookDetails merged in", async () => {
    const hook = hookFunction((payload, calls) =>
      payload.lifecycleStage === "POST_SCALE_UP" && calls === 2
        ? { ok: true, result: { hookStatus: "IN_PROGRESS", callBackDelay: 40, hookDetails: { attempt: 1 } } }
        : succeed(),
    );
    const { green } = await blueGreenService(hook, {}, ["PRE_SCALE_UP", "POST_SCALE_UP"]);
    await until(() => green.serviceDeploymentStatus === "SUCCESSFUL");
    const postScaleUp = hook.calls.filter((call) => call.payload.lifecycleStage === "POST_SCALE_UP");
    expect(postScaleUp).toHaveLength(2);
    const [first, second] = postScaleUp;
    expect(second?.payload.hookDetails).toEqual({ watched: "secret-a", attempt: 1 });
    expect(second?.payload.executionId).toBe(first?.payload.executionId);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(38);
  });

  it.each([
    [
      "an answer without a valid hookStatus",
      { ok: true, result: { status: "OK" } },
      "returned no valid hookStatus",
    ],
    [
      "a failed invocation",
      { ok: false, errorType: "Sandbox.Timedout", errorMessage: "Task timed out" },
      "invocation failed (Sandbox.Timedout)",
    ],
  ] as const)("rolls back on %s", async (_name, outcome, why) => {
    const hook = hookFunction(() => outcome as FunctionInvocationOutcome);
    const { green } = await blueGreenService(hook, {}, ["POST_SCALE_UP"]);
    await until(() => green.serviceDeploymentStatus === "ROLLBACK_SUCCESSFUL");
    expect(green.statusReason).toBe(`lifecycle hook ${hookArn} at POST_SCALE_UP ${why}.`);
  });
});
