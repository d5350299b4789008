import type { HookStage } from "../parse-lifecycle-hooks.js";

/** Traffic weights as ECS passes them: service revision ARN to percent; `{}` when no shift is involved. */
export interface TrafficWeights {
  readonly test: Readonly<Record<string, number>>;
  readonly production: Readonly<Record<string, number>>;
}

/** No traffic is shifting at this stage. */
export const noTrafficWeights: TrafficWeights = { test: {}, production: {} };

/**
 * The event a Lambda lifecycle hook receives, in the documented shape (developer guide, "Lambda
 * hooks for Amazon ECS service deployments", lifecycle payloads): the deployment facts sit under
 * `executionDetails`; `hookDetails` only when configured or returned by an IN_PROGRESS answer.
 */
export interface HookPayload {
  readonly executionId: string;
  readonly lifecycleStage: HookStage;
  /** The service deployment ARN. */
  readonly resourceArn: string;
  readonly executionDetails: {
    readonly serviceArn: string;
    readonly targetServiceRevisionArn: string;
    readonly testTrafficWeights: Readonly<Record<string, number>>;
    readonly productionTrafficWeights: Readonly<Record<string, number>>;
  };
  readonly hookDetails?: Readonly<Record<string, unknown>>;
}

/** Weights of a shift between the green (target) revision and the blue one(s), green getting `green` percent. */
export function shiftWeights(
  green: string,
  blue: readonly string[],
  percent: number,
): Readonly<Record<string, number>> {
  const weights: Record<string, number> = { [green]: percent };
  for (const arn of blue) if (arn !== green) weights[arn] = 100 - percent;
  return weights;
}
