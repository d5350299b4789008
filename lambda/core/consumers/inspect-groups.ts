import type { ProbeDefaults } from "../intake/verification-request.js";
import { mapConcurrent } from "../map-concurrent.js";
import type { EcsPort } from "../ports.js";
import { RuntimeFetchTag } from "../probes/issuer/issuer-settings.js";
import { chooseLogStream, type LogStreamChoice } from "../probes/log-fingerprint/log-fingerprint-settings.js";
import type { ProbeTarget } from "../probes/probe-run.js";
import { type ProbeSettings, readProbeSettings } from "../probes/probe-settings.js";
import { clusterName } from "../report/build-report.js";
import { describeFailure, type GapLog } from "../report/gap-log.js";
import { GapScope } from "../report/report.js";
import type { TaskDefinitionSnapshot, TaskSnapshot } from "../snapshots.js";
import { chooseProbeSecret, type ProbeKeyChoice } from "./choose-probe-secret.js";
import type { ConsumerGroup } from "./collect-consumer-tasks.js";
import type { UnjudgedTask } from "./describe-listed-tasks.js";
import type { SecretIdentity } from "./parse-value-from.js";
import { resolveTaskAddress, type TaskAddress } from "./resolve-task-address.js";
import { RUNTIME_FETCH_USAGE, type SecretUsage, tagNamesSecret } from "./secret-usage.js";
import type { TaskDefinitionCache } from "./task-definition-cache.js";

/** One consumer task with how it reads the secret and where it can be probed. */
export interface InspectedTask {
  readonly task: TaskSnapshot;
  readonly usage: SecretUsage;
  readonly address: TaskAddress;
  /** Whether the probe speaks for this secret on this task, and with which variable's key. */
  readonly probeKey: ProbeKeyChoice;
  /** Its own log stream, when its service tags `rollout-verifier:fingerprint-log`. */
  readonly logStream?: LogStreamChoice;
}

/** One consumer group with its probe settings and inspected tasks. */
export interface InspectedGroup {
  readonly group: ConsumerGroup;
  readonly name: string;
  readonly settings: ProbeSettings;
  readonly tasks: readonly InspectedTask[];
  /**
   * Running tasks of this service whose own task definition does not reference the secret (a
   * service moving onto or off a revision that reads it). They hold nothing to verify; the report
   * says how many there were instead of listing them as if they did.
   */
  readonly tasksNotReading: number;
  /** Running tasks of this group the run could not judge (failed calls): reported as `unknown`. */
  readonly unjudged: readonly UnjudgedTask[];
  /** Why this group's task list may be incomplete, when it may be. */
  readonly incomplete?: string;
}

/** What inspection needs. */
export interface InspectContext {
  readonly ecs: EcsPort;
  readonly taskDefinitions: TaskDefinitionCache;
  readonly usageOf: (taskDefinitionArn: string) => Promise<SecretUsage | null>;
  readonly defaults: ProbeDefaults;
  /** False: bridge/host tasks get no address (no ec2:DescribeInstances grant). */
  readonly bridgeAddresses: boolean;
  /** The watched secret and its AWSCURRENT version, to choose what each probe signs with. */
  readonly secret: SecretIdentity & { readonly currentVersionId: string };
  /**
   * Where failed reads go: the task is then reported unjudged instead of failing the whole run.
   * @default none: a failed read throws (callers that must fail closed, like the deployment gate)
   */
  readonly gaps?: GapLog;
}

/**
 * Reads each group's probe settings (service tags over defaults; standalone tasks get defaults)
 * and resolves each task's address. Host IPs of container instances are looked up once per cluster,
 * and only for tasks that will be probed.
 */
export async function inspectGroups(
  context: InspectContext,
  groups: readonly ConsumerGroup[],
): Promise<InspectedGroup[]> {
  const settings = groups.map((group) =>
    readProbeSettings(group.kind === "service" ? group.service.tags : {}, context.defaults),
  );
  const hosts = await lookUpHosts(context, groups, settings);
  return mapConcurrent(groups, 1, async (group, index) => {
    const groupSettings = settings[index] as ProbeSettings;
    const fetches = tagNamesSecret(groupSettings.runtimeFetch?.secret, context.secret);
    const unjudged: UnjudgedTask[] = group.kind === "service" ? [...(group.unjudged ?? [])] : [];
    let notReading = 0;
    const tasks = await mapConcurrent(group.tasks, 8, async (task): Promise<InspectedTask | null> => {
      try {
        const usage =
          (await context.usageOf(task.taskDefinitionArn)) ?? (fetches ? RUNTIME_FETCH_USAGE : null);
        if (!usage) {
          notReading += 1;
          return null;
        }
        const definition = await context.taskDefinitions.get(task.taskDefinitionArn);
        const plan = chooseProbeSecret(definition, context.secret, context.secret.currentVersionId, {
          ...(groupSettings.containerPort ? { containerPort: groupSettings.containerPort } : {}),
          ...(groupSettings.probeSecret ? { probeSecret: groupSettings.probeSecret } : {}),
        });
        const clusterHosts = hosts.get(group.cluster) ?? new Map<string, string>();
        const address = resolveTaskAddress(task, plan.containerPort, clusterHosts, definition.networkMode);
        const probeKey = usage.runtimeFetch ? runtimeFetchKey(definition, plan.containerPort) : plan.key;
        const logStream = groupSettings.fingerprintLog
          ? chooseLogStream(definition, task, {
              ...(usage.container ? { container: usage.container } : {}),
              ...(usage.jsonKey ? { jsonKey: usage.jsonKey } : {}),
            })
          : undefined;
        return { task, usage, address, probeKey, ...(logStream ? { logStream } : {}) };
      } catch (error) {
        if (!context.gaps) throw error;
        const { operation, errorCode } = describeFailure(error);
        unjudged.push({
          taskArn: task.taskArn,
          reason: `Its task definition could not be read (${operation}: ${errorCode}): not judged in this run.`,
        });
        return null;
      }
    });
    const name = group.kind === "service" ? group.service.serviceName : `family:${group.family}`;
    const incomplete = group.kind === "service" ? group.incomplete : undefined;
    return {
      group,
      name,
      settings: groupSettings,
      tasks: tasks.filter((task) => task !== null),
      tasksNotReading: notReading,
      unjudged,
      ...(incomplete ? { incomplete } : {}),
    };
  });
}

async function lookUpHosts(
  context: InspectContext,
  groups: readonly ConsumerGroup[],
  settings: readonly ProbeSettings[],
): Promise<Map<string, ReadonlyMap<string, string>>> {
  const wanted = new Map<string, Set<string>>();
  groups.forEach((group, index) => {
    if (!context.bridgeAddresses || !(settings[index]?.path || settings[index]?.issuerProbe)) return;
    for (const task of group.tasks) {
      if (task.privateIpv4Address || !task.containerInstanceArn) continue;
      wanted.set(group.cluster, (wanted.get(group.cluster) ?? new Set()).add(task.containerInstanceArn));
    }
  });
  const entries = await mapConcurrent([...wanted], 1, async ([cluster, arns]) => {
    try {
      return [cluster, await context.ecs.resolveContainerInstanceHosts(cluster, [...arns])] as const;
    } catch (error) {
      if (!context.gaps) throw error;
      context.gaps.recordFailure({
        scope: GapScope.Tasks,
        cluster: clusterName(cluster),
        resource: `${arns.size} container instance(s)`,
        error,
        consequence: "the hosts of bridge/host-mode tasks are unknown: those tasks are not probed.",
      });
      return [cluster, new Map<string, string>()] as const;
    }
  });
  return new Map(entries);
}

/** The probe targets of the inspected groups, in report order. */
export function toProbeTargets(groups: readonly InspectedGroup[]): ProbeTarget[] {
  return groups.flatMap((inspected) =>
    inspected.tasks.map((item) => ({
      cluster: clusterName(inspected.group.cluster),
      service: inspected.name,
      task: item.task,
      settings: inspected.settings,
      address: item.address,
      key: item.probeKey,
      ...(item.logStream ? { logStream: item.logStream } : {}),
    })),
  );
}

/**
 * A runtime-fetch task reads the whole secret through the API, not a `secrets[]` variable: the probe
 * signs with the whole value, and the report names the tag that declared it.
 */
function runtimeFetchKey(
  definition: TaskDefinitionSnapshot,
  containerPort: number | undefined,
): ProbeKeyChoice {
  const owner =
    definition.containers.find((container) =>
      container.portMappings.some((mapping) => mapping.containerPort === containerPort),
    ) ?? definition.containers[0];
  return {
    kind: "applies",
    secret: { variable: RuntimeFetchTag.secret, container: owner?.name ?? "", chosenBy: "runtime-fetch" },
  };
}
