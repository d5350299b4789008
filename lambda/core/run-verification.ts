import { actOnPlans } from "./act-on-plans.js";
import { assessGroup } from "./assess-group.js";
import { buildReport, clusterName } from "./build-report.js";
import { collectConsumerTasks } from "./collect-consumer-tasks.js";
import { deriveCutoverWindow } from "./cutover-window.js";
import { discoverConsumers } from "./discover-consumers.js";
import { fingerprintMaterial } from "./fingerprint-material.js";
import { type InspectedGroup, inspectGroups, toProbeTargets } from "./inspect-groups.js";
import { mapConcurrent } from "./map-concurrent.js";
import type { Clock, EcsPort, ProbePort, SecretsPort } from "./ports.js";
import type { ProbeSigner } from "./probe-signer.js";
import { probeTasks } from "./probe-tasks.js";
import type { RunReport, ServiceReport } from "./report.js";
import { type ResolvedSecret, resolveSecret } from "./resolve-secret.js";
import { findSecretUsage, type SecretUsage } from "./secret-usage.js";
import { createTaskDefinitionCache } from "./task-definition-cache.js";
import type { VerificationRequest } from "./verification-request.js";

/** The engine's ports and injected effects: nothing else reaches the outside world. */
export interface EngineDeps {
  readonly ecs: EcsPort;
  readonly secrets: SecretsPort;
  readonly probe: ProbePort;
  readonly clock: Clock;
  readonly signer: ProbeSigner;
  /** A unique run id (a UUID in production, fixed in tests). */
  readonly newId: () => string;
}

/**
 * Verifies one secret across its consumers and fixes what a redeploy can fix: resolve the secret,
 * discover consumer services and standalone tasks, list and describe their tasks, probe them,
 * classify each, plan each service, act under the safety limits, and report. Every task found
 * appears exactly once in the report. Throws only for failed AWS calls and broken preconditions
 * (typed errors); everything expected is a value in the report.
 */
export async function runVerification(request: VerificationRequest, deps: EngineDeps): Promise<RunReport> {
  const startedAt = deps.clock.now();
  const secret = await resolveSecret(deps.secrets, request.secretId);
  const window = deriveCutoverWindow(request.cutoverHint, evidenceOf(secret), startedAt);
  const taskDefinitions = createTaskDefinitionCache(deps.ecs);
  const usages = new Map<string, Promise<SecretUsage | null>>();
  const usageOf = (arn: string): Promise<SecretUsage | null> => {
    const known =
      usages.get(arn) ??
      taskDefinitions.get(arn).then((td) => findSecretUsage(td, secret, secret.currentVersionId));
    usages.set(arn, known);
    return known;
  };
  const scan = {
    ecs: deps.ecs,
    awsConcurrency: request.awsConcurrency,
    consumes: async (arn: string) => (await usageOf(arn)) !== null,
  };
  const clusters = await clustersToSearch(deps.ecs, request);
  const consumers = await discoverConsumers(scan, clusters, request.serviceFilter);
  const groups = (
    await mapConcurrent(consumers, 1, (found) =>
      collectConsumerTasks(scan, found.cluster, found.services, request.serviceFilter?.serviceName),
    )
  ).flat();
  const inspected = await inspectGroups(
    {
      ecs: deps.ecs,
      taskDefinitions,
      usageOf,
      defaults: request.probe,
      bridgeAddresses: request.bridgeAddresses,
    },
    groups,
  );
  const probes = await probeTasks(
    {
      probe: deps.probe,
      signer: deps.signer,
      clock: deps.clock,
      secretString: secret.secretString,
      ...request.probe,
    },
    toProbeTargets(inspected),
  );
  const assessed = inspected.map((group) => assessGroup(group, probes.byTask, window, request.redeployTag));
  const acted = await actOnPlans(
    deps.ecs,
    assessed.map((item) => item.planned),
    request,
  );
  const services = inspected.map((group, index): ServiceReport => {
    const outcome = acted[index] as (typeof acted)[number];
    return {
      cluster: clusterName(group.group.cluster),
      service: group.name,
      serviceArn: group.group.kind === "service" ? group.group.service.serviceArn : null,
      kind: group.group.kind,
      verdict: outcome.verdict,
      action: outcome.action,
      reason: outcome.reason,
      deploymentId: outcome.deploymentId,
      tasks: (assessed[index] as (typeof assessed)[number]).tasks,
    };
  });
  const finishedAt = deps.clock.now();
  return buildReport(
    {
      reportVersion: 1,
      runId: deps.newId(),
      secretArn: secret.arn,
      secretName: secret.name,
      versionId: secret.currentVersionId,
      previousVersionId: secret.previousVersionId,
      keyFingerprint: fingerprintMaterial(secret.secretString, dominantJsonKey(inspected)),
      cutover: window.latest.toISOString(),
      cutoverEarliest: window.earliest.toISOString(),
      cutoverSource: window.source,
      trigger: request.trigger,
      dryRun: request.dryRun,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
    },
    services,
    probes.findings,
  );
}

function evidenceOf(secret: ResolvedSecret) {
  return {
    currentVersionId: secret.currentVersionId,
    ...(secret.currentCreatedDate ? { currentCreatedDate: secret.currentCreatedDate } : {}),
    ...(secret.lastChangedDate ? { lastChangedDate: secret.lastChangedDate } : {}),
  };
}

async function clustersToSearch(ecs: EcsPort, request: VerificationRequest): Promise<readonly string[]> {
  const filtered = request.serviceFilter?.cluster;
  if (filtered) return [filtered];
  return request.clusters ?? (await ecs.listClusters());
}

/** The json-key most consumer tasks read, so the fingerprint matches what those apps would log. */
function dominantJsonKey(groups: readonly InspectedGroup[]): string | undefined {
  const counts = new Map<string, number>();
  for (const group of groups)
    for (const { usage } of group.tasks)
      if (usage.jsonKey) counts.set(usage.jsonKey, (counts.get(usage.jsonKey) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
