import { ConfigEnv } from "./config-names.js";
import { defaultGateConfig, type GateConfig, GateFailurePolicy } from "./core/gate/gate-types.js";
import type { RedeployTag } from "./core/intake/verification-request.js";
import type { VerifierConfig } from "./core/verifier-config.js";
import { ConfigError } from "./errors.js";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates the verifier's environment, once at cold start, into the `VerifierConfig` the
 * core documents and routes on. With no variables at all it verifies the secret an event names
 * across every cluster, acting (not dry-run): the zero-config default the CLI and the local fleet
 * rely on. Anything set but unusable throws ConfigError naming the variable.
 */
export function readConfig(env: Env): VerifierConfig {
  const redeployTag = readRedeployTag(env);
  const probePath = readString(env, ConfigEnv.probePath);
  const probeIssuer = readString(env, ConfigEnv.probeIssuer);
  const probeAudience = readString(env, ConfigEnv.probeAudience);
  const clusters = readList(env, ConfigEnv.clusters);
  const watchedSecrets = readList(env, ConfigEnv.watchedSecrets);
  if (probePath !== undefined && !probePath.startsWith("/"))
    throw new ConfigError(`${ConfigEnv.probePath} must start with "/", got "${probePath}"`);
  return {
    ...(clusters ? { clusters } : {}),
    ...(watchedSecrets ? { watchedSecrets } : {}),
    dryRun: readBoolean(env, ConfigEnv.dryRun, false),
    maxRedeploysPerRun: readInteger(env, ConfigEnv.maxRedeploysPerRun, 25, 0),
    followUpWindowMinutes: readInteger(env, ConfigEnv.followUpWindowMinutes, 60, 0),
    ...(redeployTag ? { redeployTag } : {}),
    probeTimeoutMs: readInteger(env, ConfigEnv.probeTimeoutMs, 2000, 1),
    probeConcurrency: readInteger(env, ConfigEnv.probeConcurrency, 16, 1),
    ...(probePath ? { probePath } : {}),
    ...(probeIssuer ? { probeIssuer } : {}),
    ...(probeAudience ? { probeAudience } : {}),
    securityProbes: readBoolean(env, ConfigEnv.securityProbes, true),
    bridgeAddresses: readBoolean(env, ConfigEnv.bridgeAddresses, true),
    awsConcurrency: readInteger(env, ConfigEnv.awsConcurrency, 8, 1),
    gate: readGateConfig(env),
    // Lambda sets AWS_REGION: a direct invocation naming another region's ARN is refused before any call.
    ...(readString(env, "AWS_REGION") ? { place: { region: readString(env, "AWS_REGION") } } : {}),
  };
}

function readGateConfig(env: Env): GateConfig {
  const onError = readString(env, ConfigEnv.gateOnError)?.toLowerCase() ?? defaultGateConfig.onError;
  if (onError !== GateFailurePolicy.Open && onError !== GateFailurePolicy.Closed)
    throw new ConfigError(`${ConfigEnv.gateOnError} must be "open" or "closed", got "${onError}"`);
  return {
    maxWaitSeconds: readInteger(env, ConfigEnv.gateMaxWaitSeconds, defaultGateConfig.maxWaitSeconds, 0),
    callBackDelaySeconds: readInteger(
      env,
      ConfigEnv.gateCallBackDelaySeconds,
      defaultGateConfig.callBackDelaySeconds,
      1,
    ),
    onError,
  };
}

function readString(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function readList(env: Env, name: string): string[] | undefined {
  const items = (readString(env, name) ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
  return items.length > 0 ? items : undefined;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = readString(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new ConfigError(`${name} must be "true" or "false", got "${value}"`);
}

function readInteger(env: Env, name: string, fallback: number, min: number): number {
  const value = readString(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min)
    throw new ConfigError(`${name} must be an integer >= ${min}, got "${value}"`);
  return parsed;
}

function readRedeployTag(env: Env): RedeployTag | undefined {
  const value = readString(env, ConfigEnv.redeployTag);
  if (value === undefined) return undefined;
  const separator = value.indexOf("=");
  if (separator < 1) throw new ConfigError(`${ConfigEnv.redeployTag} must be "key=value", got "${value}"`);
  return { key: value.slice(0, separator), value: value.slice(separator + 1) };
}
