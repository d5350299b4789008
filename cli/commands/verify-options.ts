import { parseArgs } from "node:util";
import { readConfig } from "../../lambda/config.js";
import type { VerifierConfig } from "../../lambda/core/verifier-config.js";
import { type AwsTarget, awsOptions, awsTarget } from "./cli-deps.js";
import { jsonOutput, outputOptions, parseUsage, requireOption } from "./parse-usage.js";
import { type RedeployPolicy, resolveRedeployPolicy } from "./redeploy-policy.js";
import { UsageError } from "./usage-error.js";

/** Everything `verify` was asked to do, validated before any AWS call. */
export interface VerifyOptions {
  readonly secretId: string;
  readonly clusters?: readonly string[];
  /** `--service NAME`: only this service (in `--cluster` when exactly one is given). */
  readonly service?: string;
  readonly redeploy: boolean;
  readonly policy: RedeployPolicy;
  readonly noProbe: boolean;
  readonly json: boolean;
  /** `--all`: list every task, converged services' too (by default they are one summary line). */
  readonly all: boolean;
  readonly wait: boolean;
  /** `--timeout`: the whole command's budget; with `--wait`, how long to wait. */
  readonly timeoutMs?: number;
  readonly intervalMs: number;
  readonly target: AwsTarget;
  /** The Lambda's `VERIFIER_*` configuration, with the CLI's overrides applied. */
  readonly config: VerifierConfig;
}

/** How long `--wait` waits without `--timeout`: as long as `aws ecs wait services-stable`. */
export const defaultWaitTimeoutMs = 600_000;
const defaultIntervalMs = 10_000;

/** Parses and checks `verify`'s arguments; configuration comes from the same variables the Lambda reads. */
export function parseVerifyOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): VerifyOptions {
  const options = {
    "secret-id": { type: "string" },
    cluster: { type: "string", multiple: true },
    service: { type: "string" },
    redeploy: { type: "boolean" },
    "redeploy-tag": { type: "string" },
    "no-redeploy-tag": { type: "boolean" },
    "no-probe": { type: "boolean" },
    all: { type: "boolean" },
    ...outputOptions,
    wait: { type: "boolean" },
    timeout: { type: "string" },
    interval: { type: "string" },
    ...awsOptions,
  } as const;
  const { values } = parseUsage(
    "verify",
    () => parseArgs({ args: [...argv], options, strict: true }),
    Object.keys(options),
  );
  const json = jsonOutput("verify", values);
  const secretId = requireOption("verify", "secret-id", values["secret-id"]);
  const noProbe = values["no-probe"] === true;
  const base = readConfig(env);
  const policy = resolveRedeployPolicy(
    {
      ...(values["redeploy-tag"] === undefined ? {} : { tag: values["redeploy-tag"] }),
      none: values["no-redeploy-tag"] === true,
    },
    base.redeployTag,
  );
  const { redeployTag: _fromEnv, ...rest } = base;
  const config: VerifierConfig = {
    ...rest,
    ...(policy.kind === "tagged" ? { redeployTag: policy.tag } : {}),
    ...(noProbe ? { securityProbes: false } : {}),
  };
  const timeout = seconds("timeout", values.timeout);
  const wait = values.wait === true;
  return {
    secretId,
    ...(values.cluster === undefined ? {} : { clusters: values.cluster }),
    ...(values.service === undefined ? {} : { service: requireOption("verify", "service", values.service) }),
    redeploy: values.redeploy === true,
    policy,
    noProbe,
    json,
    all: values.all === true,
    wait,
    ...(timeout === undefined ? (wait ? { timeoutMs: defaultWaitTimeoutMs } : {}) : { timeoutMs: timeout }),
    intervalMs: seconds("interval", values.interval) ?? defaultIntervalMs,
    target: awsTarget(values),
    config,
  };
}

function seconds(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(
      "verify",
      `--${name} takes a number of seconds > 0, got "${text}". See: rollout-verifier verify --help`,
    );
  return Math.round(value * 1000);
}
