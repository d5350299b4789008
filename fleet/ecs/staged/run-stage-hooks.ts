import type { DeploymentRecord } from "../deployment-state.js";
import type { EcsContext } from "../ecs-context.js";
import type { ServiceRecord } from "../ecs-state.js";
import type { HookStage } from "../parse-lifecycle-hooks.js";
import type { TrafficWeights } from "./hook-payload.js";
import { type HookOutcome, runLifecycleHook } from "./run-lifecycle-hook.js";

/**
 * Enters a lifecycle stage and runs every hook configured for it, side by side (ECS lets a
 * Lambda hook and a pause hook share a stage; all must finish before the next stage). The first
 * hook that asks for a rollback decides the outcome.
 */
export async function runStageHooks(
  ctx: EcsContext,
  service: ServiceRecord,
  deployment: DeploymentRecord,
  stage: HookStage,
  weights: TrafficWeights,
  isLeft: () => boolean,
): Promise<HookOutcome> {
  deployment.lifecycleStage = stage;
  deployment.updatedAt = ctx.now();
  const hooks = deployment.settings.strategy.lifecycleHooks.filter((hook) =>
    hook.lifecycleStages.includes(stage),
  );
  const outcomes = await Promise.all(
    hooks.map((hook) => runLifecycleHook(ctx, service, deployment, hook, stage, weights, isLeft)),
  );
  if (isLeft()) return { kind: "abandoned" };
  return outcomes.find((outcome) => outcome.kind === "rollback") ?? { kind: "continue" };
}
