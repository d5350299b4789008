import type { ConsumerGroup } from "../consumers/collect-consumer-tasks.js";
import { type InspectedGroup, inspectGroups, toProbeTargets } from "../consumers/inspect-groups.js";
import { findSecretUsage, type SecretUsage } from "../consumers/secret-usage.js";
import type { TaskDefinitionCache } from "../consumers/task-definition-cache.js";
import type { VerificationRequest } from "../intake/verification-request.js";
import type { EngineDeps } from "../invocation-deps.js";
import { assessGroup } from "../judgement/assess-group.js";
import { probeTasks } from "../probes/probe-tasks.js";
import type { SecurityFinding, TaskReport } from "../report/report.js";
import { type CutoverWindow, deriveCutoverWindow } from "../secret/cutover-window.js";
import { type ResolvedSecret, resolveSecret } from "../secret/resolve-secret.js";
import type { ServiceSnapshot, TaskSnapshot } from "../snapshots.js";

/** What the gate learnt about one watched secret on the green tasks. */
export interface GreenEvidence {
  readonly secret: ResolvedSecret;
  readonly window: CutoverWindow;
  /** How the target revision reads the secret (its pin, json-key, container). */
  readonly usage: SecretUsage | null;
  /** True when the service has a probe path, so green tasks are expected to answer a probe. */
  readonly probed: boolean;
  readonly tasks: readonly TaskReport[];
  readonly findings: readonly SecurityFinding[];
}

/** The green side of one service: the tasks to verify and the revision they run. */
export interface GreenSubject {
  readonly cluster: string;
  readonly service: ServiceSnapshot;
  readonly tasks: readonly TaskSnapshot[];
  readonly taskDefinitionArn: string;
}

/**
 * Verifies the green tasks for one secret with the rotation engine's own stages: resolve AWSCURRENT,
 * inspect (probe settings from the service's tags, each task's own address), probe (positive,
 * control and the negative probes), classify. Nothing is planned or acted on: the gate's only
 * action is its answer to ECS.
 */
export async function verifyGreenSecret(
  deps: EngineDeps,
  request: VerificationRequest,
  subject: GreenSubject,
  taskDefinitions: TaskDefinitionCache,
): Promise<GreenEvidence> {
  const secret = await resolveSecret(deps.secrets, request.secretId);
  const window = deriveCutoverWindow(null, secret, deps.clock.now());
  const usageOf = async (arn: string) =>
    findSecretUsage(await taskDefinitions.get(arn), secret, secret.currentVersionId);
  const group: ConsumerGroup = {
    kind: "service",
    cluster: subject.cluster,
    service: subject.service,
    tasks: [...subject.tasks],
  };
  const inspectContext = {
    ecs: deps.ecs,
    taskDefinitions,
    usageOf,
    defaults: request.probe,
    bridgeAddresses: request.bridgeAddresses,
    secret,
  };
  const [inspected] = await inspectGroups(inspectContext, [group]);
  const probeContext = {
    ...deps,
    ...request.probe,
    secretString: secret.secretString,
    previousSecretString: secret.previousSecretString,
  };
  const probes = await probeTasks(probeContext, toProbeTargets(inspected ? [inspected] : []));
  const assessed = inspected
    ? assessGroup(inspected, probes.byTask, { window, now: deps.clock.now() })
    : { tasks: [] };
  return {
    secret,
    window,
    usage: await usageOf(subject.taskDefinitionArn),
    probed: isProbed(inspected),
    tasks: assessed.tasks,
    findings: probes.findings,
  };
}

function isProbed(inspected: InspectedGroup | undefined): boolean {
  return inspected?.settings.path !== undefined;
}
