import type { DeploymentRecord, HookExecutionRecord } from "../deployment-state.js";
import type { EcsContext } from "../ecs-context.js";
import { newUuid } from "../ecs-ids.js";
import type { ServiceRecord } from "../ecs-state.js";
import type { HookStage, LifecycleHookSettings } from "../parse-lifecycle-hooks.js";
import type { HookPayload, TrafficWeights } from "./hook-payload.js";
import { interpretHookResponse } from "./interpret-hook-response.js";

/** How one hook execution ended: go on, roll back (with why), or the deployment was left (superseded, shut down). */
export type HookOutcome =
  | { readonly kind: "continue" }
  | { readonly kind: "rollback"; readonly reason: string }
  | { readonly kind: "abandoned" };

/** Lambda hooks time out after 24 hours unless configured otherwise; the default action is ROLLBACK. */
const defaultTimeoutMinutes = 1440;

/**
 * Runs one hook at one stage to its end, as ECS does: a Lambda hook is invoked with the documented
 * payload and re-invoked after `callBackDelay` while it answers IN_PROGRESS; a PAUSE hook waits for
 * ContinueServiceDeployment. Past `timeoutConfiguration.timeoutInMinutes` the hook is TIMED_OUT and
 * its `action` (ROLLBACK by default) applies. The execution is visible in `lifecycleHookDetails`.
 */
export async function runLifecycleHook(
  ctx: EcsContext,
  service: ServiceRecord,
  deployment: DeploymentRecord,
  hook: LifecycleHookSettings,
  stage: HookStage,
  weights: TrafficWeights,
  isLeft: () => boolean,
): Promise<HookOutcome> {
  const minutes = hook.timeoutConfiguration?.timeoutInMinutes ?? defaultTimeoutMinutes;
  const execution: HookExecutionRecord = {
    hookId: newUuid(),
    targetType: hook.targetType,
    ...(hook.targetType === "AWS_LAMBDA" && hook.hookTargetArn ? { targetArn: hook.hookTargetArn } : {}),
    stage,
    status: hook.targetType === "PAUSE" ? "AWAITING_ACTION" : "IN_PROGRESS",
    expiresAt: ctx.now() + minutes * 60 * ctx.hookMsPerSecond,
    timeoutAction: hook.timeoutConfiguration?.action ?? "ROLLBACK",
  };
  deployment.hookExecutions.push(execution);
  const named = `lifecycle hook ${execution.targetArn ?? `PAUSE ${execution.hookId}`} at ${stage}`;
  let details = hook.hookDetails;
  for (;;) {
    if (isLeft()) return { kind: "abandoned" };
    if (ctx.now() >= execution.expiresAt) {
      execution.status = "TIMED_OUT";
      if (execution.timeoutAction === "CONTINUE") return { kind: "continue" };
      return { kind: "rollback", reason: `${named} timed out.` };
    }
    if (hook.targetType === "PAUSE") {
      if (execution.decision !== undefined) return decide(execution, execution.decision, named);
      await ctx.sleep(Math.min(50, Math.max(1, execution.expiresAt - ctx.now())));
      continue;
    }
    const payload: HookPayload = {
      executionId: execution.hookId,
      lifecycleStage: stage,
      resourceArn: deployment.serviceDeploymentArn,
      executionDetails: {
        serviceArn: service.arn,
        targetServiceRevisionArn: deployment.revisionArn,
        testTrafficWeights: weights.test,
        productionTrafficWeights: weights.production,
      },
      ...(details === undefined ? {} : { hookDetails: details }),
    };
    const verdict = interpretHookResponse(await ctx.invokeFunction(execution.targetArn ?? "", payload));
    if (isLeft()) return { kind: "abandoned" };
    if (verdict.kind === "succeeded") return decide(execution, "CONTINUE", named);
    if (verdict.kind === "failed") {
      execution.status = "FAILED";
      return { kind: "rollback", reason: `${named} ${verdict.why}.` };
    }
    if (verdict.hookDetails) details = { ...details, ...verdict.hookDetails };
    const remaining = execution.expiresAt - ctx.now();
    await ctx.sleep(Math.max(0, Math.min(verdict.callBackDelaySeconds * ctx.hookMsPerSecond, remaining)));
  }
}

function decide(
  execution: HookExecutionRecord,
  decision: "CONTINUE" | "ROLLBACK",
  named: string,
): HookOutcome {
  if (decision === "CONTINUE") {
    execution.status = "SUCCEEDED";
    return { kind: "continue" };
  }
  execution.status = "FAILED";
  return { kind: "rollback", reason: `${named}: rollback requested.` };
}
