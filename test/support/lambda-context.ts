import type { Context } from "aws-lambda";

/**
 * The one fake Lambda `Context` tests use (after Powertools' testing helper): fixed names and ids,
 * a generous remaining time, so handler code that reads the context behaves as in a real invocation.
 */
export function createLambdaContext(overrides: Partial<Context> = {}): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: "ecs-rollout-verifier",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:ecs-rollout-verifier",
    memoryLimitInMB: "256",
    awsRequestId: "c6af9ac6-7b61-11e6-9a41-93e812345678",
    logGroupName: "/aws/lambda/ecs-rollout-verifier",
    logStreamName: "2025/06/01/[$LATEST]abcdef0123456789",
    getRemainingTimeInMillis: () => 300_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...overrides,
  };
}
