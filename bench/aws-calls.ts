import { startLocalVerifier } from "../fleet/lambda/start-local-verifier.js";
import { productUserAgent } from "../lambda/adapters/aws/aws-clients.js";
import { ConfigEnv } from "../lambda/config-names.js";
import type { HandlerResult } from "../lambda/core/handle-event.js";
import { type BenchLambda, bundlePath, startBenchLambda } from "./bench-lambda.js";
import { clusterNames, type FleetShape } from "./bench-scenario.js";
import type { RunningScaleFleet } from "./fleet-scale.js";
import { minimumCutoverEventCalls, minimumDeploymentCalls, minimumSweepCalls } from "./minimum-calls.js";
import { ratio } from "./stats.js";

/** AWS calls of one operation: made by the function, the computed minimum, made / minimum. */
export interface CallCount {
  readonly made: number;
  readonly minimum: number;
  readonly ratio: number;
  /** Calls made by operation name, to see where any excess goes. */
  readonly byOperation: Readonly<Record<string, number>>;
}

/** The four operations of the calls table (derivations in docs/benchmarks.md). */
export interface AwsCallsResult {
  readonly oneSecret: CallCount;
  readonly sweepOfThreeSecrets: CallCount;
  readonly deploymentEvent: CallCount;
  /** One PutSecretValue with every rule of the stack routed to the function (dry run). */
  readonly rotationEveryRule: CallCount & { readonly verifications: number };
}

/**
 * Counts the AWS calls of each operation in the fleet's call log (the function's own, by its user
 * agent), all in dry-run so the fleet is left as it was. Each operation gets a fresh execution
 * environment: nothing is cached across invocations, as in Lambda after a cold start.
 */
export async function benchAwsCalls(
  running: RunningScaleFleet,
  logDir: string,
  shape: FleetShape,
): Promise<AwsCallsResult> {
  const watched = [running.secretName, ...running.otherSecretNames].join(",");
  const dryRun = { [ConfigEnv.dryRun]: "true", [ConfigEnv.watchedSecrets]: watched };
  const oneSecret = await counted(running, () =>
    invokeOnce(running, logDir, "calls-one-secret", {}, { secretId: running.secretName, dryRun: true }),
  );
  const sweep = await counted(running, () =>
    invokeOnce(running, logDir, "calls-sweep", dryRun, sweepEvent()),
  );
  const [cluster = ""] = clusterNames(shape);
  const deployment = await counted(running, () =>
    invokeOnce(running, logDir, "calls-deployment", dryRun, deploymentEvent(running, cluster, "api-1")),
  );
  const rotation = await counted(running, () => rotateWithEveryRule(running, logDir, dryRun));
  // The bench secret was rotated before these runs, so it has an AWSPREVIOUS version; the other two never were.
  const rotated = 1;
  return {
    oneSecret: count(oneSecret.calls, minimumSweepCalls(shape, 1, rotated)),
    sweepOfThreeSecrets: count(
      sweep.calls,
      minimumSweepCalls(shape, 1 + running.otherSecretNames.length, rotated),
    ),
    deploymentEvent: count(deployment.calls, minimumDeploymentCalls(shape.tasksPerService, 1, 1, rotated)),
    rotationEveryRule: {
      ...count(rotation.calls, rotation.value * minimumCutoverEventCalls(shape, rotated)),
      verifications: rotation.value,
    },
  };
}

async function counted<T>(
  running: RunningScaleFleet,
  operation: () => Promise<T>,
): Promise<{ value: T; calls: readonly string[] }> {
  const before = running.fleet.callLog.entries({ userAgent: productUserAgent }).length;
  const value = await operation();
  const calls = running.fleet.callLog
    .entries({ userAgent: productUserAgent })
    .slice(before)
    .map((entry) => entry.operation);
  return { value, calls };
}

function count(calls: readonly string[], minimum: number): CallCount {
  const byOperation: Record<string, number> = {};
  for (const operation of calls) byOperation[operation] = (byOperation[operation] ?? 0) + 1;
  return { made: calls.length, minimum, ratio: ratio(calls.length, minimum), byOperation };
}

async function invokeOnce(
  running: RunningScaleFleet,
  logDir: string,
  name: string,
  config: Readonly<Record<string, string>>,
  event: unknown,
): Promise<void> {
  const target: BenchLambda = startBenchLambda(running.fleet, logDir, name, { config });
  try {
    const record = await target.lambda.invoke(event);
    if (!record.ok) throw new Error(`${name} failed: ${record.errorType}: ${record.errorMessage}`);
    const result = record.result as HandlerResult;
    if (result.outcome !== "verified") throw new Error(`${name} verified nothing: ${JSON.stringify(result)}`);
  } finally {
    await target.lambda.stop();
  }
}

/** A PutSecretValue with the stack's rules routing the fleet's events; resolves with the verifications run. */
async function rotateWithEveryRule(
  running: RunningScaleFleet,
  logDir: string,
  config: Readonly<Record<string, string>>,
): Promise<number> {
  const verifier = startLocalVerifier(running.fleet, {
    bundlePath,
    logFile: `${logDir}/calls-rotation.log`,
    config,
    retryDelaysMs: [],
    timeoutMs: 300_000,
  });
  try {
    const put = running.fleet.secrets.operations.PutSecretValue;
    if (!put) throw new Error("the fleet's Secrets Manager has no PutSecretValue operation");
    await put({ SecretId: running.secretName, SecretString: `${running.key}-calls-rotation` });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await verifier.idle();
    const failed = verifier.lambda.invocations.find((record) => !record.ok);
    if (failed) throw new Error(`rotation run failed: ${failed.errorType}: ${failed.errorMessage}`);
    return verifier.lambda.invocations.reduce(
      (sum, record) => sum + ((record.result as HandlerResult | undefined)?.reports.length ?? 0),
      0,
    );
  } finally {
    await verifier.stop();
  }
}

function sweepEvent() {
  return {
    version: "0",
    id: "bench-sweep",
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: "123456789012",
    time: new Date().toISOString(),
    region: "eu-west-1",
    resources: [],
    detail: {},
  };
}

/** A finished deployment of one service, as EventBridge delivers it. */
function deploymentEvent(running: RunningScaleFleet, cluster: string, service: string) {
  const record = [...running.fleet.ecs.services.values()].find(
    (candidate) => candidate.name === service && candidate.cluster.name === cluster,
  );
  if (!record) throw new Error(`no service ${cluster}/${service} in the bench fleet`);
  return {
    version: "0",
    id: "bench-deployment",
    "detail-type": "ECS Deployment State Change",
    source: "aws.ecs",
    account: "123456789012",
    time: new Date().toISOString(),
    region: "eu-west-1",
    resources: [record.arn],
    detail: {
      eventType: "INFO",
      eventName: "SERVICE_DEPLOYMENT_COMPLETED",
      deploymentId: record.deployments[0]?.id ?? "ecs-svc/0",
      updatedAt: new Date().toISOString(),
      reason: "ECS deployment completed.",
    },
  };
}
