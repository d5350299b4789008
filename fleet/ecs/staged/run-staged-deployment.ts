import { completeDeployment } from "../complete-deployment.js";
import type { DeploymentRecord } from "../deployment-state.js";
import type { EcsContext } from "../ecs-context.js";
import type { ServiceRecord } from "../ecs-state.js";
import type { HookStage } from "../parse-lifecycle-hooks.js";
import { noTrafficWeights, shiftWeights, type TrafficWeights } from "./hook-payload.js";
import { productionSteps } from "./production-steps.js";
import { rollBackStagedDeployment } from "./roll-back-staged-deployment.js";
import type { HookOutcome } from "./run-lifecycle-hook.js";
import { runStageHooks } from "./run-stage-hooks.js";
import { bake, waitForStage } from "./wait-for-stage.js";

const aborts = new WeakMap<DeploymentRecord, string>();

/** Makes a staged deployment roll back at its next check (the circuit breaker tripped); the first reason wins. */
export function abortStagedDeployment(deployment: DeploymentRecord, reason: string): void {
  if (!aborts.has(deployment)) aborts.set(deployment, reason);
}

/**
 * Drives a BLUE_GREEN, LINEAR or CANARY deployment through its lifecycle stages in the background:
 * RECONCILE_SERVICE (more than one revision active), PRE_SCALE_UP, SCALE_UP (green tasks RUNNING),
 * POST_SCALE_UP, TEST_TRAFFIC_SHIFT, POST_TEST_TRAFFIC_SHIFT, then per production step
 * PRE_PRODUCTION_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT, POST_PRODUCTION_TRAFFIC_SHIFT,
 * BAKE_TIME and CLEAN_UP (blue tasks stopped, COMPLETED). A hook that fails, times out with
 * ROLLBACK or cannot be invoked, or the circuit breaker, rolls it back: green stopped, blue kept.
 * A newer deployment or a shutdown leaves it where it is.
 */
export function runStagedDeployment(ctx: EcsContext, service: ServiceRecord, green: DeploymentRecord): void {
  const blue = service.deployments.find((deployment) => deployment !== green);
  void driveStages(ctx, service, green).then(async (ending) => {
    if (ending.kind === "rollback") await rollBackStagedDeployment(ctx, service, green, blue, ending.reason);
    else if (ending.kind === "continue") completeDeployment(ctx, service, green);
  });
}

async function driveStages(
  ctx: EcsContext,
  service: ServiceRecord,
  green: DeploymentRecord,
): Promise<HookOutcome> {
  const superseded = () => ctx.closed || service.status !== "ACTIVE" || service.deployments[0] !== green;
  const isLeft = () => superseded() || aborts.has(green);
  const blueArns = green.sourceRevisionArns;
  const hooks =
    (stage: HookStage, weights: TrafficWeights = noTrafficWeights) =>
    () =>
      runStageHooks(ctx, service, green, stage, weights, isLeft);
  const phases = green.phases ?? { scaleUp: true, cleanUp: true };
  const steps: (() => Promise<HookOutcome>)[] = [];
  if (blueArns.length > 1) steps.push(hooks("RECONCILE_SERVICE"));
  steps.push(hooks("PRE_SCALE_UP"), () => {
    green.lifecycleStage = "SCALE_UP";
    phases.scaleUp = true;
    ctx.requestReconcile(service);
    return waitForStage(ctx, () => runningCount(service, green) >= service.desiredCount, isLeft);
  });
  steps.push(hooks("POST_SCALE_UP"), () => {
    green.trafficWeights.test = 100;
    return hooks("TEST_TRAFFIC_SHIFT", {
      test: shiftWeights(green.revisionArn, blueArns, 100),
      production: {},
    })();
  });
  steps.push(hooks("POST_TEST_TRAFFIC_SHIFT"));
  for (const step of productionSteps(green.settings.strategy)) {
    steps.push(
      () =>
        hooks("PRE_PRODUCTION_TRAFFIC_SHIFT", production(green, blueArns, green.trafficWeights.production))(),
      () => {
        green.trafficWeights.production = step.percent;
        return hooks("PRODUCTION_TRAFFIC_SHIFT", production(green, blueArns, step.percent))();
      },
      () => bake(ctx, step.bakeMinutes, isLeft),
    );
  }
  steps.push(hooks("POST_PRODUCTION_TRAFFIC_SHIFT"), () => {
    green.lifecycleStage = "BAKE_TIME";
    return bake(ctx, green.settings.strategy.bakeTimeInMinutes ?? 0, isLeft);
  });
  steps.push(() => {
    green.lifecycleStage = "CLEAN_UP";
    phases.cleanUp = true;
    ctx.requestReconcile(service);
    const othersLive = () => [...service.liveTasks].some((task) => task.deploymentId !== green.id);
    return waitForStage(ctx, () => !othersLive(), isLeft);
  });
  for (const step of steps) {
    const outcome = await step();
    if (superseded()) return { kind: "abandoned" };
    const aborted = aborts.get(green);
    if (aborted !== undefined) return { kind: "rollback", reason: aborted };
    if (outcome.kind !== "continue") return outcome;
  }
  return { kind: "continue" };
}

function production(green: DeploymentRecord, blueArns: readonly string[], percent: number): TrafficWeights {
  return { test: {}, production: shiftWeights(green.revisionArn, blueArns, percent) };
}

function runningCount(service: ServiceRecord, deployment: DeploymentRecord): number {
  return [...service.liveTasks].filter(
    (task) =>
      task.deploymentId === deployment.id &&
      task.lastStatus === "RUNNING" &&
      task.desiredStatus === "RUNNING",
  ).length;
}
