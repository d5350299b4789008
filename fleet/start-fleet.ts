import { answerCloudFormation } from "./cloudformation/describe-stacks.js";
import { createCloudTrailApi } from "./cloudtrail/create-cloudtrail-api.js";
import { createLogsApi } from "./cloudwatch-logs/create-logs-api.js";
import { createTaskLogStore } from "./cloudwatch-logs/task-log-store.js";
import { createEcsRuntime } from "./ecs/create-ecs-runtime.js";
import { createEventBus, type EventListener } from "./events/event-bus.js";
import { openJsonLinesEventFile } from "./events/json-lines-event-file.js";
import type { Fleet, StartFleetOptions } from "./fleet-api.js";
import { settledDeployment, steadyService, waitForValue } from "./fleet-waiters.js";
import { createLambdaFunctionRegistry } from "./lambda/lambda-function-registry.js";
import { applyScenario } from "./scenario/apply-scenario.js";
import { createSecretsManagerApi } from "./secrets-manager/create-secrets-manager-api.js";
import { startFleetServer } from "./server.js";
import { createCallLog } from "./server-call-log.js";
import { createFaultInjector } from "./server-faults.js";
import { listTaskEndpoints } from "./task-endpoints.js";
import { openAppLauncher, TaskMode } from "./tasks/sample-app-launcher.js";

export type { Fleet, StartFleetOptions } from "./fleet-api.js";

/** Starts the loopback ECS + Secrets Manager; resolves once the front door accepts requests. */
export async function startFleet(options: StartFleetOptions = {}): Promise<Fleet> {
  const identity = options.identity ?? { account: "123456789012", region: "eu-west-1" };
  const bus = createEventBus();
  const eventsFile =
    options.eventsFile === undefined ? undefined : openJsonLinesEventFile(options.eventsFile);
  const unsubscribeFile = eventsFile ? bus.subscribe(eventsFile.write) : () => undefined;
  const secrets = createSecretsManagerApi({ identity, emit: bus.emit });
  const lambdaFunctions = createLambdaFunctionRegistry();
  const launcher = openAppLauncher(options.taskMode ?? TaskMode.inProcess);
  // Containers' stdout, per awslogs group and stream (in-process tasks), answered by GetLogEvents.
  const taskLogs = createTaskLogStore();
  const ecs = createEcsRuntime({
    identity,
    emit: bus.emit,
    resolver: secrets,
    startApp: launcher.startApp,
    taskLog: (group, stream, line) => taskLogs.append(group, stream, line, Date.now()),
    timing: {
      taskStartDelayMs: options.taskStartDelayMs ?? 1000,
      stepDelayMs: options.deploymentPacing?.stepDelayMs ?? 100,
      ...(options.deploymentPacing?.tasksPerStep === undefined
        ? {}
        : { tasksPerStep: options.deploymentPacing.tasksPerStep }),
    },
    invokeFunction: lambdaFunctions.invoke,
    ...(options.lifecycleHookTiming?.msPerSecond === undefined
      ? {}
      : { hookMsPerSecond: options.lifecycleHookTiming.msPerSecond }),
    ...(options.circuitBreakerMinThreshold === undefined
      ? {}
      : { circuitBreakerMinThreshold: options.circuitBreakerMinThreshold }),
  });
  // CloudTrail's event history: the fleet's own Secrets Manager management events, answered by LookupEvents.
  const cloudTrail = createCloudTrailApi(bus.subscribe);
  const callLog = createCallLog();
  const faults = createFaultInjector(options.random);
  const log = options.functionLog;
  const logGroupName = log?.logGroupName ?? "/aws/lambda/rollout-verifier";
  const logGroups = log ? [{ logGroupName, file: log.file }] : [];
  const stacks = log
    ? [
        {
          stackName: log.stackName ?? "EcsRolloutVerifier",
          outputs: { LogGroupName: logGroupName, FunctionName: "rollout-verifier" },
        },
      ]
    : [];
  const server = await startFleetServer({
    services: [ecs.api, secrets, ...cloudTrail.apis, createLogsApi(() => logGroups, taskLogs)],
    faults,
    callLog,
    port: options.port ?? 0,
    queryApi: (params) => answerCloudFormation(params, stacks, identity),
  }).catch(async (error: unknown) => {
    await Promise.all([launcher.close(), eventsFile?.close()]);
    throw error;
  });
  if (options.scenario) {
    await applyScenario(options.scenario, { ecs: ecs.api, secrets }).catch(async (error: unknown) => {
      await Promise.all([ecs.shutdown(), server.close(), eventsFile?.close()]);
      await launcher.close();
      throw error;
    });
  }
  const subscribe = (listener: EventListener) => bus.subscribe(listener);
  let stopping: Promise<void> | undefined;
  return {
    endpoint: server.endpoint,
    port: server.port,
    identity,
    ecs: ecs.state,
    secrets,
    callLog,
    faults,
    lambdaFunctions,
    onEvent: subscribe,
    runningTasks: (cluster, service) => listTaskEndpoints(ecs.state, cluster, service),
    waitForSteadyState: (cluster, service, wait) =>
      waitForValue(
        subscribe,
        () => steadyService(ecs.state, cluster, service),
        `steady state of ${service}`,
        wait,
      ),
    waitForDeployment: (cluster, service, id, wait) =>
      waitForValue(
        subscribe,
        () => settledDeployment(ecs.state, cluster, service, id),
        `deployment ${id}`,
        wait,
      ),
    waitForEvent: (predicate, wait) =>
      waitForValue(
        subscribe,
        (event) => (event && predicate(event) ? event : undefined),
        "a matching event",
        wait,
      ),
    waitFor: (probe, what, wait) => waitForValue(subscribe, () => probe(), what, wait),
    stop() {
      stopping ??= (async () => {
        await ecs.shutdown();
        await launcher.close();
        await server.close();
        unsubscribeFile();
        cloudTrail.stop();
        await eventsFile?.close();
      })();
      return stopping;
    },
  };
}
