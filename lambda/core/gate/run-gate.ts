import { createTaskDefinitionCache } from "../consumers/task-definition-cache.js";
import { requestFor } from "../intake/route-trigger.js";
import type { LifecycleHookTrigger } from "../intake/trigger.js";
import type { EngineDeps } from "../invocation-deps.js";
import type { ServiceRevisionsPort } from "../ports.js";
import type { RunReport } from "../report/report.js";
import type { TaskSnapshot } from "../snapshots.js";
import type { VerifierConfig } from "../verifier-config.js";
import { buildGateReport } from "./build-gate-report.js";
import { applyFailurePolicy, decideGate } from "./decide-gate.js";
import type { GateDecision } from "./gate-types.js";
import { defaultGateConfig, GateHookDetail } from "./gate-types.js";
import { selectGreenTasks } from "./select-green-tasks.js";
import { type GreenEvidence, verifyGreenSecret } from "./verify-green-secret.js";
import { watchedSecretsOf } from "./watched-secrets-of.js";

/** The rotation engine's ports plus DescribeServiceRevisions. */
export interface GateDeps extends EngineDeps {
  readonly revisions: ServiceRevisionsPort;
}

/** The gate's decision, the reports behind it (none when nothing was verified), and when it started waiting. */
export interface GateOutcome {
  readonly decision: GateDecision;
  /** Which tasks the gate judged as green and why (`selectGreenTasks`); null when it judged none. */
  readonly greenRule: string | null;
  readonly reports: readonly RunReport[];
  /** The start of this hook execution's wait, carried to the next invocation through `hookDetails`. */
  readonly waitingSince: Date;
}

/**
 * Verifies a deployment's green tasks at POST_SCALE_UP: the target revision's task definition
 * (DescribeServiceRevisions), the watched secrets it reads (none: SUCCEEDED at once, no other call),
 * when the service deployment started (DescribeServiceDeployments on the payload's `resourceArn`),
 * the service's tasks on that revision created since, then each secret's evidence and the verdict
 * rules of `decideGate`. Throws only what the engine throws (failed AWS calls): the caller applies
 * the failure policy. A payload without a service deployment ARN cannot tell green from blue: the
 * failure policy answers.
 */
export async function runGate(
  trigger: LifecycleHookTrigger,
  deps: GateDeps,
  config: VerifierConfig,
): Promise<GateOutcome> {
  const startedAt = deps.clock.now();
  const gate = config.gate ?? defaultGateConfig;
  const revision = await deps.revisions.describeServiceRevision(trigger.targetServiceRevisionArn);
  const taskDefinitions = createTaskDefinitionCache(deps.ecs);
  const definition = await taskDefinitions.get(revision.taskDefinitionArn);
  const secretIds = watchedSecretsOf(definition, config.watchedSecrets);
  if (secretIds.length === 0)
    return {
      decision: {
        status: "SUCCEEDED",
        reason: `Task definition ${definition.family}:${definition.revision} reads no watched secret: nothing to verify.`,
        blocks: [],
        byPolicy: false,
      },
      greenRule: null,
      reports: [],
      waitingSince: startedAt,
    };
  if (!trigger.serviceDeploymentArn)
    return {
      decision: applyFailurePolicy(
        "the hook payload names no service deployment (resourceArn), so new tasks cannot be told from old ones",
        gate,
      ),
      greenRule: null,
      reports: [],
      waitingSince: startedAt,
    };
  const deployment = await deps.revisions.describeServiceDeployment(trigger.serviceDeploymentArn);
  const cluster = revision.clusterArn || trigger.clusterName;
  const [service] = await deps.ecs.describeServices(cluster, [trigger.serviceName]);
  if (!service) throw new RangeError(`service ${trigger.serviceArn} was not found while its deployment runs`);
  const arns = await deps.ecs.listTasks(cluster, { serviceName: service.serviceName });
  const tasks = arns.length > 0 ? await deps.ecs.describeTasks(cluster, arns) : [];
  const green = selectGreenTasks(tasks, revision.taskDefinitionArn, deployment);
  const subject = { cluster, service, tasks: green.tasks, taskDefinitionArn: revision.taskDefinitionArn };
  const evidence: GreenEvidence[] = [];
  for (const secretId of secretIds) {
    const request = requestFor(secretId, trigger, null, { ...config, dryRun: true });
    evidence.push(await verifyGreenSecret(deps, request, subject, taskDefinitions));
  }
  const now = deps.clock.now();
  const waitingSince = waitStart(trigger.hookDetails, green.tasks, startedAt);
  const decision = decideGate(
    evidence,
    green.tasks.length,
    { elapsedMs: now.getTime() - waitingSince.getTime() },
    gate,
  );
  const context = {
    runId: deps.newId(),
    trigger: { kind: trigger.kind, eventId: trigger.executionId, eventTime: null },
    dryRun: config.dryRun,
    startedAt,
    finishedAt: now,
    deploymentId: trigger.serviceDeploymentArn,
    greenRule: green.rule,
  };
  return {
    decision,
    greenRule: green.rule,
    reports: evidence.map((item) => buildGateReport(item, subject, decision, context)),
    waitingSince,
  };
}

/**
 * When the wait began: the time an earlier IN_PROGRESS answer left in `hookDetails`, bounded by the
 * oldest green task's creation (so the wait stays bounded even if `hookDetails` never came back).
 */
function waitStart(
  hookDetails: Readonly<Record<string, unknown>>,
  tasks: readonly TaskSnapshot[],
  now: Date,
): Date {
  const recorded = hookDetails[GateHookDetail.startedAt];
  const candidates = [now.getTime()];
  if (typeof recorded === "string" && !Number.isNaN(Date.parse(recorded)))
    candidates.push(Date.parse(recorded));
  for (const task of tasks) if (task.createdAt) candidates.push(task.createdAt.getTime());
  return new Date(Math.min(...candidates));
}
