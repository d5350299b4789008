import { ConfigEnv } from "../lambda/config-names.js";
import { MetricNamespace } from "../lambda/core/report/metric-names.js";
import { RedeployTag, type VerifierSettings } from "./resolve-verifier-settings.js";

/**
 * The function's environment, keyed by the Lambda's own `ConfigEnv` names so the two cannot drift.
 * Optional settings are left unset rather than set empty: the Lambda reads "unset" as its default.
 */
export function verifierEnvironment(settings: VerifierSettings): Record<string, string> {
  const env: Record<string, string> = {
    // Complete ARN when known, else the partial ARN: the Lambda matches both forms itself.
    [ConfigEnv.watchedSecrets]: settings.secrets
      .map((secret) => secret.secretFullArn ?? secret.secretArn)
      .join(","),
    [ConfigEnv.dryRun]: String(settings.dryRun),
    [ConfigEnv.maxRedeploysPerRun]: String(settings.maxRedeploysPerRun),
    [ConfigEnv.followUpWindowMinutes]: String(settings.followUpWindow.toMinutes({ integral: false })),
    [ConfigEnv.probeTimeoutMs]: String(settings.probeTimeout.toMilliseconds()),
    [ConfigEnv.probeConcurrency]: String(settings.probeConcurrency),
    [ConfigEnv.awsConcurrency]: String(settings.awsConcurrency),
    [ConfigEnv.securityProbes]: String(settings.securityProbes),
    [ConfigEnv.bridgeAddresses]: String(settings.bridgeNetworking),
    [ConfigEnv.gateOnError]: settings.gateOnError,
    [ConfigEnv.gateMaxWaitSeconds]: String(settings.gateMaxWait.toSeconds({ integral: false })),
    [ConfigEnv.gateCallBackDelaySeconds]: String(settings.gateCallBackDelay.toSeconds({ integral: false })),
    POWERTOOLS_SERVICE_NAME: "ecs-rollout-verifier",
    POWERTOOLS_METRICS_NAMESPACE: MetricNamespace,
  };
  if (settings.clusters) env[ConfigEnv.clusters] = settings.clusters.map((c) => c.clusterName).join(",");
  if (settings.requireRedeployTag) env[ConfigEnv.redeployTag] = `${RedeployTag.key}=${RedeployTag.value}`;
  if (settings.probePath) env[ConfigEnv.probePath] = settings.probePath;
  if (settings.probeIssuer) env[ConfigEnv.probeIssuer] = settings.probeIssuer;
  if (settings.probeAudience) env[ConfigEnv.probeAudience] = settings.probeAudience;
  return env;
}
