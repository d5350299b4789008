import { afterEach, describe, expect, it } from "vitest";
import { AwsServiceError } from "../../../../fleet/contracts.js";
import { createClusterWithDefinition, testNetwork } from "./ecs-test-runtime.js";

type TestEcs = Awaited<ReturnType<typeof createClusterWithDefinition>>;
let current: TestEcs | undefined;

afterEach(async () => {
  await current?.runtime.shutdown();
  current = undefined;
});

const hook = {
  hookTargetArn: "arn:aws:lambda:eu-west-1:123456789012:function:gate",
  roleArn: "arn:aws:iam::123456789012:role/ecs-hooks",
  lifecycleStages: ["POST_SCALE_UP"],
};

async function createWith(deploymentConfiguration: unknown, extra: Record<string, unknown> = {}) {
  current = await createClusterWithDefinition();
  return current.call("CreateService", {
    networkConfiguration: testNetwork,
    cluster: "c1",
    serviceName: "api",
    taskDefinition: "jwt",
    desiredCount: 0,
    deploymentConfiguration,
    ...extra,
  });
}

async function errorOf(promise: Promise<unknown>): Promise<{ type: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AwsServiceError)) throw new Error("expected an AWS error");
  return { type: error.type, message: error.message };
}

describe("deploymentConfiguration strategy and lifecycle hooks", () => {
  it("echoes a BLUE_GREEN configuration with its hooks, targetType defaulting to AWS_LAMBDA", async () => {
    const { service } = await createWith({
      strategy: "BLUE_GREEN",
      bakeTimeInMinutes: 5,
      lifecycleHooks: [{ ...hook, hookDetails: { a: [1, { b: true }] } }],
    });
    expect(service.deploymentConfiguration).toMatchObject({
      strategy: "BLUE_GREEN",
      bakeTimeInMinutes: 5,
      lifecycleHooks: [{ ...hook, targetType: "AWS_LAMBDA", hookDetails: { a: [1, { b: true }] } }],
    });
  });

  it("defaults a service to ROLLING and fills linear and canary defaults from the API reference", async () => {
    expect((await createWith(undefined)).service.deploymentConfiguration.strategy).toBe("ROLLING");
    await current?.runtime.shutdown();
    const linear = await createWith({ strategy: "LINEAR" });
    expect(linear.service.deploymentConfiguration.linearConfiguration).toEqual({
      stepPercent: 10,
      stepBakeTimeInMinutes: 6,
    });
    await current?.runtime.shutdown();
    const canary = await createWith({ strategy: "CANARY", canaryConfiguration: { canaryPercent: 12.5 } });
    expect(canary.service.deploymentConfiguration.canaryConfiguration).toEqual({
      canaryPercent: 12.5,
      canaryBakeTimeInMinutes: 10,
    });
  });

  it.each([
    ["an unknown strategy", { strategy: "SHADOW" }, /Invalid deployment strategy: SHADOW/],
    [
      "a Lambda hook without hookTargetArn",
      { strategy: "BLUE_GREEN", lifecycleHooks: [{ ...hook, hookTargetArn: undefined }] },
      /hookTargetArn must be a Lambda function ARN/,
    ],
    [
      "a hook target that is not a Lambda function",
      {
        strategy: "BLUE_GREEN",
        lifecycleHooks: [{ ...hook, hookTargetArn: "arn:aws:sns:eu-west-1:123456789012:topic" }],
      },
      /hookTargetArn/,
    ],
    [
      "a Lambda hook without roleArn",
      { strategy: "BLUE_GREEN", lifecycleHooks: [{ ...hook, roleArn: undefined }] },
      /roleArn must be an IAM role ARN/,
    ],
    [
      "a hook without stages",
      { strategy: "BLUE_GREEN", lifecycleHooks: [{ ...hook, lifecycleStages: [] }] },
      /at least one stage/,
    ],
    [
      "an unknown stage",
      { strategy: "BLUE_GREEN", lifecycleHooks: [{ ...hook, lifecycleStages: ["SCALE_UP"] }] },
      /invalid stage SCALE_UP/,
    ],
    [
      "a PAUSE hook at PRODUCTION_TRAFFIC_SHIFT",
      {
        strategy: "BLUE_GREEN",
        lifecycleHooks: [{ targetType: "PAUSE", lifecycleStages: ["PRODUCTION_TRAFFIC_SHIFT"] }],
      },
      /PAUSE hooks are not supported at PRODUCTION_TRAFFIC_SHIFT/,
    ],
    [
      "hookDetails that are not an object",
      { strategy: "BLUE_GREEN", lifecycleHooks: [{ ...hook, hookDetails: "x" }] },
      /hookDetails must be a JSON object/,
    ],
    [
      "a Lambda hook timeout over 1440 minutes",
      {
        strategy: "BLUE_GREEN",
        lifecycleHooks: [{ ...hook, timeoutConfiguration: { timeoutInMinutes: 1441 } }],
      },
      /from 1 to 1440/,
    ],
    [
      "an unknown timeout action",
      { strategy: "BLUE_GREEN", lifecycleHooks: [{ ...hook, timeoutConfiguration: { action: "RETRY" } }] },
      /ROLLBACK or CONTINUE/,
    ],
    [
      "a linear configuration with BLUE_GREEN",
      { strategy: "BLUE_GREEN", linearConfiguration: { stepPercent: 10 } },
      /only valid when the deployment strategy is LINEAR/,
    ],
    [
      "a linear step under 3 percent",
      { strategy: "LINEAR", linearConfiguration: { stepPercent: 2.9 } },
      /multiple of 0.1 from 3 to 100/,
    ],
    [
      "a canary percent off the 0.1 grid",
      { strategy: "CANARY", canaryConfiguration: { canaryPercent: 5.05 } },
      /multiple of 0.1/,
    ],
    [
      "a bake time over 24 hours",
      { strategy: "BLUE_GREEN", bakeTimeInMinutes: 1441 },
      /bakeTimeInMinutes must be an integer from 0 to 1440/,
    ],
  ])("rejects %s with InvalidParameterException", async (_name, configuration, message) => {
    const error = await errorOf(createWith(configuration));
    expect(error.type).toBe("InvalidParameterException");
    expect(error.message).toMatch(message);
  });

  it("rejects BLUE_GREEN on a service with the CODE_DEPLOY controller", async () => {
    const error = await errorOf(
      createWith({ strategy: "BLUE_GREEN" }, { deploymentController: { type: "CODE_DEPLOY" } }),
    );
    expect(error).toEqual({
      type: "InvalidParameterException",
      message: "The BLUE_GREEN deployment strategy requires the ECS deployment controller.",
    });
  });
});
