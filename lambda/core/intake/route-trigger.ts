import { liveTaskDefinitions } from "../consumers/discover-consumers.js";
import { parseValueFrom } from "../consumers/parse-value-from.js";
import type { EcsPort } from "../ports.js";
import { RuntimeFetchTag } from "../probes/issuer/issuer-settings.js";
import type { TriggerReport } from "../report/report.js";
import type { CutoverHint } from "../secret/cutover-window.js";
import type { VerifierConfig } from "../verifier-config.js";
import { checkDirectFields } from "./check-direct-fields.js";
import { type DeploymentStateTrigger, isCutoverTrigger, type Trigger } from "./trigger.js";
import type { ProbeDefaults, ServiceFilter, VerificationRequest } from "./verification-request.js";
import { isWatched } from "./watched-secrets.js";

/** What to do with a trigger: nothing (and why), or one verification per secret. */
export type Route =
  | { readonly kind: "ignored"; readonly reason: string; readonly received: string }
  | { readonly kind: "verify"; readonly requests: readonly VerificationRequest[] };

/**
 * Decides which secrets a trigger verifies. A cut-over verifies its secret (if watched); a direct
 * invocation verifies the secret it names (explicit, so not subject to the watch list); a sweep
 * verifies every watched secret; a finished deployment re-verifies that one service against each
 * (watched) Secrets Manager secret its task definitions reference, or the whole secret when the run
 * finds it is a follow-up of the cut-over (`decideFollowUp`). With no watch list configured,
 * every secret is watched: the zero-config default.
 */
export async function routeTrigger(
  trigger: Trigger,
  config: VerifierConfig,
  ports: { readonly ecs: EcsPort },
): Promise<Route> {
  if (trigger.kind === "ignored")
    return { kind: "ignored", reason: trigger.reason, received: trigger.received };
  if (trigger.kind === "direct") {
    checkDirectFields(trigger, config.place);
    const overrides = {
      ...(trigger.clusters ? { clusters: trigger.clusters } : {}),
      dryRun: trigger.dryRun ?? config.dryRun,
    };
    return verify([requestFor(trigger.secretId, trigger, null, { ...config, ...overrides })]);
  }
  if (trigger.kind === "sweep") {
    if (!config.watchedSecrets)
      return ignore("no watched secrets are configured: a sweep has nothing to verify", "sweep");
    return verify(config.watchedSecrets.map((secretId) => requestFor(secretId, trigger, null, config)));
  }
  if (trigger.kind === "deployment-state-change") return routeDeployment(trigger, config, ports);
  if (!isCutoverTrigger(trigger)) return ignore("unhandled trigger", "unknown");
  if (!isWatched(trigger.secretId, config.watchedSecrets))
    return ignore(`secret ${trigger.secretId} is not among the watched secrets`, trigger.kind);
  const hint: CutoverHint | null = trigger.eventTime
    ? { time: trigger.eventTime, timing: trigger.timing, versionId: trigger.versionId }
    : null;
  return verify([requestFor(trigger.secretId, trigger, hint, config)]);
}

async function routeDeployment(
  trigger: DeploymentStateTrigger,
  config: VerifierConfig,
  ports: { readonly ecs: EcsPort },
): Promise<Route> {
  const received = `deployment-state-change ${trigger.serviceArn}`;
  if (!trigger.clusterName)
    return ignore(
      "the service ARN names no cluster (old ARN format); the scheduled sweep covers it",
      received,
    );
  const [service] = await ports.ecs.describeServices(trigger.clusterName, [trigger.serviceName]);
  if (!service) return ignore(`service ${trigger.serviceArn} no longer exists`, received);
  const arns = liveTaskDefinitions(
    service,
    service.deployments.map((d) => d.taskDefinitionArn),
  );
  const secretIds = new Set<string>();
  for (const arn of arns) {
    const definition = await ports.ecs.describeTaskDefinition(arn);
    for (const reference of definition.secretReferences) {
      const ref = safeParse(reference.valueFrom);
      if (ref?.kind === "secretsmanager") secretIds.add(ref.arn);
    }
  }
  // A runtime-fetch service names the secret its app reads in a tag, not in a valueFrom.
  const fetched = service.tags[RuntimeFetchTag.secret]?.trim();
  if (fetched) secretIds.add(fetched);
  const watched = [...secretIds].filter((secretId) => isWatched(secretId, config.watchedSecrets));
  if (watched.length === 0)
    return ignore(`service ${trigger.serviceArn} consumes no watched Secrets Manager secret`, received);
  const filter: ServiceFilter = { cluster: trigger.clusterName, serviceName: trigger.serviceName };
  return verify(
    watched.map((secretId) => ({
      ...requestFor(secretId, trigger, null, config),
      serviceFilter: filter,
      triggeringDeployment: {
        id: trigger.deploymentId,
        state: trigger.state,
        createdAt: service.deployments.find((d) => d.id === trigger.deploymentId)?.createdAt ?? null,
      },
    })),
  );
}

/** Builds one engine request from the configuration. */
export function requestFor(
  secretId: string,
  trigger: Exclude<Trigger, { kind: "ignored" }>,
  cutoverHint: CutoverHint | null,
  config: VerifierConfig,
): VerificationRequest {
  const probe: ProbeDefaults = {
    ...(config.probePath ? { path: config.probePath } : {}),
    ...(config.probeIssuer ? { issuer: config.probeIssuer } : {}),
    ...(config.probeAudience ? { audience: config.probeAudience } : {}),
    timeoutMs: config.probeTimeoutMs,
    concurrency: config.probeConcurrency,
    securityProbes: config.securityProbes,
  };
  const report: TriggerReport = {
    kind: trigger.kind,
    eventId: trigger.eventId,
    eventTime: trigger.eventTime?.toISOString() ?? null,
  };
  return {
    secretId,
    trigger: report,
    cutoverHint,
    ...(config.clusters ? { clusters: config.clusters } : {}),
    dryRun: config.dryRun,
    maxRedeploysPerRun: config.maxRedeploysPerRun,
    ...(config.followUpWindowMinutes === undefined
      ? {}
      : { followUpWindowMs: config.followUpWindowMinutes * 60_000 }),
    ...(config.redeployTag ? { redeployTag: config.redeployTag } : {}),
    awsConcurrency: config.awsConcurrency,
    bridgeAddresses: config.bridgeAddresses,
    probe,
  };
}

function safeParse(valueFrom: string) {
  try {
    return parseValueFrom(valueFrom);
  } catch {
    return null;
  }
}

function ignore(reason: string, received: string): Route {
  return { kind: "ignored", reason, received };
}

function verify(requests: readonly VerificationRequest[]): Route {
  return { kind: "verify", requests };
}
