import { actOnPlans } from "./actions/act-on-plans.js";
import { decideFollowUp, followUpMinutesLeft, widenToSecret } from "./actions/decide-follow-up.js";
import { recountInFlight } from "./actions/recount-in-flight.js";
import { consumerServices, countInFlight } from "./actions/redeploy-slots.js";
import { gatherConsumers } from "./consumers/gather-consumers.js";
import type { InspectedGroup } from "./consumers/inspect-groups.js";
import { toProbeTargets } from "./consumers/inspect-groups.js";
import { budgetProbes, PROBE_BUDGET_SPENT, pastDeadline, probeDeadline } from "./deadline/budget-probes.js";
import type { VerificationRequest } from "./intake/verification-request.js";
import type { EngineDeps } from "./invocation-deps.js";
import { type AssessedGroup, assessGroup } from "./judgement/assess-group.js";
import type { ActedService, PlannedService } from "./judgement/plan-service.js";
import { withIssuerProbes } from "./probes/issuer/with-issuer-probes.js";
import { fingerprintMaterial } from "./probes/keys/fingerprint-material.js";
import { PROBE_NO_SECRET_VALUE, skipProbes } from "./probes/probe-run.js";
import { probeTasks } from "./probes/probe-tasks.js";
import { buildReport, clusterName } from "./report/build-report.js";
import { createGapLog, describeFailure, type GapLog } from "./report/gap-log.js";
import { holdForGaps, unjudgedTaskReport } from "./report/gap-rows.js";
import {
  GapScope,
  type ProbeReport,
  ProbeStatus,
  type RunReport,
  type ServiceReport,
  ServiceVerdict,
} from "./report/report.js";
import { locateCutover } from "./secret/locate-cutover.js";
import { resolveSecretForRun, type SecretResolution } from "./secret/resolve-secret.js";

/**
 * Verifies one secret across its consumers and fixes what a redeploy can fix: resolve the secret,
 * discover consumer services and standalone tasks, list and describe their tasks, probe them,
 * classify each, plan each service, act under the safety limits, and report. Every task found
 * appears exactly once in the report (or, when ECS listed it but nothing else could be read, in a
 * gap). Throws when the secret cannot be described (no version to verify against) or on a broken
 * precondition. When only its value cannot be read, the run still judges every consumer task by
 * its timestamps (DescribeSecret gives the versions, the cut-over needs no value), probes none,
 * records a gap naming the failure, publishes the report, then rethrows the error so Lambda retries.
 * A failed ECS call costs only what it covers and becomes a report gap, and work the deadline did
 * not reach is reported as such.
 */
export async function runVerification(request: VerificationRequest, deps: EngineDeps): Promise<RunReport> {
  const startedAt = deps.clock.now();
  const resolution = await resolveSecretForRun(deps.secrets, request.secretId);
  const { secret } = resolution;
  const gaps = createGapLog();
  const window = await locateCutover(deps.history, request.cutoverHint, secret, startedAt, gaps);
  const followUp = decideFollowUp(request, window.latest, startedAt);
  const scope = followUp.kind === "follow-up" ? widenToSecret(request) : request;
  const groups = await gatherConsumers(deps.estate ?? deps.ecs, scope, secret, gaps);
  const budgeted = budgetProbes(deps.probe, deps.clock, probeDeadline(deps.clock, deps.deadline));
  const probeContext = {
    ...deps,
    ...request.probe,
    probe: budgeted.probe,
    securityProbesAllowed: budgeted.securityProbesAllowed,
    probingTimeLeftMs: budgeted.timeLeftMs,
    secretString: secret.secretString,
    previousSecretString: secret.previousSecretString,
  };
  const targets = toProbeTargets(groups);
  const probes =
    resolution.kind === "readable"
      ? await withIssuerProbes(await probeTasks(probeContext, targets), targets, {
          issuer: deps.issuer,
          ...(deps.logs ? { logs: deps.logs } : {}),
          secretString: secret.secretString,
          previousSecretString: secret.previousSecretString,
          timeoutMs: request.probe.timeoutMs,
          concurrency: request.probe.concurrency,
          outOfTime: () => budgeted.timeLeftMs() <= 0,
        })
      : skipProbes(targets, unreadableDetail(resolution, gaps));
  recordDeclinedProbes(gaps, {
    declined: budgeted.declined(),
    securitySkipped: budgeted.securitySkipped(),
    notReached: countNotReached(probes.byTask),
    tasks: probes.byTask.size,
  });
  const planContext = {
    window,
    now: deps.clock.now(),
    ...(request.redeployTag ? { redeployTag: request.redeployTag } : {}),
    ...(request.triggeringDeployment ? { triggeringDeployment: request.triggeringDeployment } : {}),
  };
  const assessed = groups.map((group) => {
    const { tasks, planned } = assessGroup(group, probes.byTask, planContext);
    return { tasks, planned: { ...planned, plan: holdForGaps(planned.plan, group) } };
  });
  const inFlight = forcesAny(assessed, request)
    ? await recountInFlight(
        {
          ecs: deps.ecs,
          estate: deps.estate ?? deps.ecs,
          request: scope,
          secret,
          cutover: window.latest,
          gaps,
        },
        consumerServices(groups),
      )
    : countInFlight(consumerServices(groups), window.latest);
  const acted = await actOnPlans(
    deps.ecs,
    assessed.map((item) => item.planned),
    {
      ...request,
      cutover: window.latest,
      gaps,
      outOfTime: () => pastDeadline(deps.clock, deps.deadline),
      inFlight,
      followUpMinutesLeft: followUpMinutesLeft(request, window.latest, planContext.now),
    },
  );
  const finishedAt = deps.clock.now();
  const header = {
    reportVersion: 1 as const,
    runId: deps.newId(),
    secretArn: secret.arn,
    secretName: secret.name,
    versionId: secret.currentVersionId,
    previousVersionId: secret.previousVersionId,
    keyFingerprint:
      resolution.kind === "readable"
        ? fingerprintMaterial(secret.secretString, dominantJsonKey(groups))
        : "unknown",
    cutover: window.latest.toISOString(),
    cutoverEarliest: window.earliest.toISOString(),
    cutoverSource: window.source,
    trigger:
      followUp.kind === "follow-up" ? { ...request.trigger, followUp: followUp.reason } : request.trigger,
    dryRun: request.dryRun,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
  };
  const services = groups.map((group, index) => toServiceReport(group, assessed[index], acted[index]));
  const report = buildReport(header, services, probes.findings, gaps.gaps);
  if (resolution.kind === "readable") return report;
  await deps.publish?.(report);
  throw resolution.error;
}

/**
 * The secret's value could not be read: a gap names the failure, and every task's probe says why it
 * was skipped. Timestamps still judge (and may force) stale tasks; nothing rests on a probe.
 */
function unreadableDetail(
  resolution: Extract<SecretResolution, { kind: "value-unreadable" }>,
  gaps: GapLog,
): string {
  gaps.recordFailure({
    scope: GapScope.Secret,
    cluster: null,
    resource: resolution.secret.name,
    error: resolution.error,
    consequence:
      "the AWSCURRENT value could not be read, so no task was probed and no security probe was sent: every task is judged by its timestamps alone; the invocation then fails so Lambda retries it.",
  });
  const { operation, errorCode } = describeFailure(resolution.error);
  return `${PROBE_NO_SECRET_VALUE} (${operation} failed: ${errorCode}), so no probe token could be signed.`;
}

function toServiceReport(
  inspected: InspectedGroup,
  assessed: AssessedGroup | undefined,
  acted: ActedService | undefined,
): ServiceReport {
  if (!assessed || !acted) throw new RangeError("every inspected group is assessed and acted on, in order");
  const { group } = inspected;
  return {
    cluster: clusterName(group.cluster),
    service: inspected.name,
    serviceArn: group.kind === "service" ? group.service.serviceArn : null,
    kind: group.kind,
    verdict: acted.verdict,
    action: acted.action,
    reason:
      inspected.tasksNotReading === 0
        ? acted.reason
        : `${acted.reason} (${inspected.tasksNotReading} running task(s) on a revision that does not read this secret are not listed.)`,
    deploymentId: acted.deploymentId,
    tasks: [...assessed.tasks, ...inspected.unjudged.map(unjudgedTaskReport)],
  };
}

/** Whether acting may force anything: only then is the secret's in-flight count re-read from ECS. */
function forcesAny(
  assessed: readonly { readonly planned: PlannedService }[],
  request: VerificationRequest,
): boolean {
  return (
    !request.dryRun &&
    request.maxRedeploysPerRun > 0 &&
    assessed.some(
      ({ planned }) => planned.plan.verdict === ServiceVerdict.Redeploy && planned.serviceName !== null,
    )
  );
}

/**
 * Probes the budget did not allow are work the run did not reach: the report says how many, and
 * how many tasks got no probe at all (each is in its service's task list, probe `skipped`, judged
 * by its timestamps alone), so a fleet larger than the function's time budget still ends with
 * every task accounted for.
 */
function recordDeclinedProbes(
  gaps: GapLog,
  counts: { declined: number; securitySkipped: number; notReached: number; tasks: number },
): void {
  const { declined, securitySkipped, notReached, tasks } = counts;
  if (securitySkipped > 0)
    gaps.record({
      scope: GapScope.Probes,
      cluster: null,
      resource: `${securitySkipped} task(s)`,
      operation: "Probe",
      errorCode: "RunDeadlineReached",
      detail: `${securitySkipped} task(s) got no alg:none or wrong-key probe: after every task's AWSCURRENT probe, too little of the run's probing time was left for them (a sample across services got them).`,
      taskArns: [],
    });
  if (declined === 0) return;
  const unprobed =
    notReached === 0
      ? ""
      : ` ${notReached} of ${tasks} task(s) got no probe at all (probe status skipped): each is listed under its service, judged by its timestamps alone.`;
  gaps.record({
    scope: GapScope.Probes,
    cluster: null,
    resource: notReached === 0 ? `${declined} probe request(s)` : `${notReached} task(s) not probed`,
    operation: "Probe",
    errorCode: "RunDeadlineReached",
    detail: `${declined} probe request(s) were not sent: the run's time budget for probes ran out. Those tasks are judged by their timestamps alone.${unprobed}`,
    taskArns: [],
  });
}

/** Tasks whose first probe the time budget declined: the run never reached them. */
function countNotReached(byTask: ReadonlyMap<string, ProbeReport>): number {
  let count = 0;
  for (const report of byTask.values())
    if (report.status === ProbeStatus.Skipped && report.detail?.startsWith(PROBE_BUDGET_SPENT)) count += 1;
  return count;
}

/** The json-key most consumer tasks read, so the fingerprint matches what those apps would log. */
function dominantJsonKey(groups: readonly InspectedGroup[]): string | undefined {
  const counts = new Map<string, number>();
  for (const group of groups)
    for (const { usage } of group.tasks)
      if (usage.jsonKey) counts.set(usage.jsonKey, (counts.get(usage.jsonKey) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
