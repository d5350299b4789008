import type { EngineDeps } from "../../lambda/core/invocation-deps.js";
import type { SecretsPort } from "../../lambda/core/ports.js";
import type { LogsPort, StacksPort } from "../logs/logged-reports.js";

/** Which AWS account/region the operator asked for; unset fields fall back to the SDK default chain. */
export interface AwsTarget {
  readonly profile?: string;
  readonly region?: string;
}

/** The engine's ports for one AWS target; clock and run id come from `CliDeps`. */
export type EnginePorts = Pick<EngineDeps, "ecs" | "secrets" | "history" | "probe" | "issuer" | "signer">;

/**
 * What commands need from the outside world, built by the composition root (`bin/cli.ts`) from
 * the same adapters the Lambda uses; tests pass in-memory ports instead.
 */
export interface CliDeps {
  readonly now: () => Date;
  readonly newId: () => string;
  readonly secrets: (target: AwsTarget) => Promise<SecretsPort>;
  /** `deadline` (from `--timeout`) bounds every AWS call's retries, as the Lambda's remaining time does. */
  readonly engine: (target: AwsTarget, deadline?: Date) => Promise<EnginePorts>;
  /** CloudWatch Logs and CloudFormation, for `report`. */
  readonly logs?: (target: AwsTarget) => Promise<{ readonly logs: LogsPort; readonly stacks: StacksPort }>;
  /** Waits between `verify --wait` polls. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The `--profile` / `--region` options every AWS command accepts, for parseArgs. */
export const awsOptions = {
  profile: { type: "string" },
  region: { type: "string" },
} as const;

/** Picks the AWS target out of parsed options. */
export function awsTarget(values: { readonly profile?: string; readonly region?: string }): AwsTarget {
  return {
    ...(values.profile === undefined ? {} : { profile: values.profile }),
    ...(values.region === undefined ? {} : { region: values.region }),
  };
}
