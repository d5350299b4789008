import { compact } from "./compact.js";
import type { DeploymentSettings } from "./deployment-state.js";

/** `deploymentConfiguration` as DescribeServices and DescribeServiceDeployments return it. */
export function renderDeploymentConfiguration(settings: DeploymentSettings): Record<string, unknown> {
  const strategy = settings.strategy;
  return compact({
    deploymentCircuitBreaker: { ...settings.circuitBreaker },
    maximumPercent: settings.maximumPercent,
    minimumHealthyPercent: settings.minimumHealthyPercent,
    strategy: strategy.strategy,
    bakeTimeInMinutes: strategy.bakeTimeInMinutes,
    lifecycleHooks:
      strategy.lifecycleHooks.length === 0
        ? undefined
        : strategy.lifecycleHooks.map((hook) =>
            compact({
              targetType: hook.targetType,
              hookTargetArn: hook.hookTargetArn,
              roleArn: hook.roleArn,
              lifecycleStages: [...hook.lifecycleStages],
              hookDetails: hook.hookDetails === undefined ? undefined : structuredClone(hook.hookDetails),
              timeoutConfiguration:
                hook.timeoutConfiguration === undefined ? undefined : { ...hook.timeoutConfiguration },
            }),
          ),
    linearConfiguration: strategy.linearConfiguration ? { ...strategy.linearConfiguration } : undefined,
    canaryConfiguration: strategy.canaryConfiguration ? { ...strategy.canaryConfiguration } : undefined,
  });
}
