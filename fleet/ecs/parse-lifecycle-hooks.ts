import { invalidParameter } from "./ecs-errors.js";

/** Hook stages in the order a deployment passes them (the model's DeploymentLifecycleHookStage). */
export const hookStages = [
  "RECONCILE_SERVICE",
  "PRE_SCALE_UP",
  "POST_SCALE_UP",
  "TEST_TRAFFIC_SHIFT",
  "POST_TEST_TRAFFIC_SHIFT",
  "PRE_PRODUCTION_TRAFFIC_SHIFT",
  "PRODUCTION_TRAFFIC_SHIFT",
  "POST_PRODUCTION_TRAFFIC_SHIFT",
] as const;
export type HookStage = (typeof hookStages)[number];

/** One `deploymentConfiguration.lifecycleHooks[]` entry, defaults applied (targetType AWS_LAMBDA). */
export interface LifecycleHookSettings {
  readonly targetType: "AWS_LAMBDA" | "PAUSE";
  readonly hookTargetArn?: string;
  readonly roleArn?: string;
  readonly lifecycleStages: readonly HookStage[];
  readonly hookDetails?: Readonly<Record<string, unknown>>;
  readonly timeoutConfiguration?: {
    readonly timeoutInMinutes?: number;
    readonly action?: "ROLLBACK" | "CONTINUE";
  };
}

const lambdaFunctionArn =
  /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?$/;
const iamRoleArn = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
/** Stages ECS also runs during a rollback: a pause there would block the rollback itself. */
const noPauseStages: readonly HookStage[] = ["TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT"];

/**
 * Parses `deploymentConfiguration.lifecycleHooks`: a list of hooks, each with `lifecycleStages`
 * (at least one, from DeploymentLifecycleHookStage); an AWS_LAMBDA hook (the default targetType)
 * needs a Lambda function ARN in `hookTargetArn` and an IAM role ARN in `roleArn`; a PAUSE hook
 * is refused at TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT; `hookDetails` is a JSON object;
 * `timeoutConfiguration.timeoutInMinutes` is 1-1440 for Lambda hooks (1-20160 for PAUSE, the
 * model's bound) and `action` ROLLBACK or CONTINUE. Anything else: InvalidParameterException.
 */
export function parseLifecycleHooks(value: unknown): LifecycleHookSettings[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw invalidParameter("lifecycleHooks must be a list.");
  return value.map((hook, index) => parseHook(hook, `lifecycleHooks[${index}]`));
}

function parseHook(value: unknown, path: string): LifecycleHookSettings {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalidParameter(`${path} must be an object.`);
  const hook = value as Record<string, unknown>;
  const targetType = hook.targetType ?? "AWS_LAMBDA";
  if (targetType !== "AWS_LAMBDA" && targetType !== "PAUSE")
    throw invalidParameter(`${path}.targetType must be AWS_LAMBDA or PAUSE.`);
  const stages = parseStages(hook.lifecycleStages, path);
  if (targetType === "PAUSE") {
    const refused = stages.filter((stage) => noPauseStages.includes(stage));
    if (refused.length > 0)
      throw invalidParameter(`${path}: PAUSE hooks are not supported at ${refused.join(", ")}.`);
  }
  const hookTargetArn = optionalText(hook.hookTargetArn, `${path}.hookTargetArn`);
  const roleArn = optionalText(hook.roleArn, `${path}.roleArn`);
  if (targetType === "AWS_LAMBDA") {
    if (hookTargetArn === undefined || !lambdaFunctionArn.test(hookTargetArn))
      throw invalidParameter(`${path}.hookTargetArn must be a Lambda function ARN.`);
    if (roleArn === undefined || !iamRoleArn.test(roleArn))
      throw invalidParameter(`${path}.roleArn must be an IAM role ARN.`);
  }
  const hookDetails = hook.hookDetails;
  if (
    hookDetails !== undefined &&
    (typeof hookDetails !== "object" || hookDetails === null || Array.isArray(hookDetails))
  )
    throw invalidParameter(`${path}.hookDetails must be a JSON object.`);
  const timeout = parseTimeout(hook.timeoutConfiguration, targetType === "PAUSE" ? 20160 : 1440, path);
  return {
    targetType,
    ...(hookTargetArn === undefined ? {} : { hookTargetArn }),
    ...(roleArn === undefined ? {} : { roleArn }),
    lifecycleStages: stages,
    ...(hookDetails === undefined ? {} : { hookDetails: hookDetails as Record<string, unknown> }),
    ...(timeout === undefined ? {} : { timeoutConfiguration: timeout }),
  };
}

function parseStages(value: unknown, path: string): HookStage[] {
  if (!Array.isArray(value) || value.length === 0)
    throw invalidParameter(`${path}.lifecycleStages must list at least one stage.`);
  for (const stage of value) {
    if (!(hookStages as readonly unknown[]).includes(stage))
      throw invalidParameter(`${path}.lifecycleStages: invalid stage ${String(stage)}.`);
  }
  return [...new Set(value as HookStage[])];
}

function parseTimeout(value: unknown, maxMinutes: number, path: string) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value))
    throw invalidParameter(`${path}.timeoutConfiguration must be an object.`);
  const config = value as Record<string, unknown>;
  const minutes = config.timeoutInMinutes;
  if (
    minutes !== undefined &&
    (typeof minutes !== "number" || !Number.isInteger(minutes) || minutes < 1 || minutes > maxMinutes)
  )
    throw invalidParameter(`${path}.timeoutConfiguration.timeoutInMinutes must be from 1 to ${maxMinutes}.`);
  const action = config.action;
  if (action !== undefined && action !== "ROLLBACK" && action !== "CONTINUE")
    throw invalidParameter(`${path}.timeoutConfiguration.action must be ROLLBACK or CONTINUE.`);
  return {
    ...(minutes === undefined ? {} : { timeoutInMinutes: minutes as number }),
    ...(action === undefined ? {} : { action: action as "ROLLBACK" | "CONTINUE" }),
  };
}

function optionalText(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidParameter(`${name} must be a string.`);
  return value;
}
