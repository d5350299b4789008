import type { EcsContext } from "../ecs-context.js";
import type { HookOutcome } from "./run-lifecycle-hook.js";

/** Polls `done` every few milliseconds until it holds ("continue") or `isLeft` does ("abandoned"). */
export async function waitForStage(
  ctx: EcsContext,
  done: () => boolean,
  isLeft: () => boolean,
): Promise<HookOutcome> {
  for (;;) {
    if (isLeft()) return { kind: "abandoned" };
    if (done()) return { kind: "continue" };
    await ctx.sleep(Math.max(5, Math.min(50, ctx.timing.stepDelayMs)));
  }
}

/** Waits `minutes` of ECS time (scaled by `hookMsPerSecond`), ending early when `isLeft` holds. */
export function bake(ctx: EcsContext, minutes: number, isLeft: () => boolean): Promise<HookOutcome> {
  const until = ctx.now() + minutes * 60 * ctx.hookMsPerSecond;
  return waitForStage(ctx, () => ctx.now() >= until, isLeft);
}
