import type { InspectedGroup } from "../consumers/inspect-groups.js";
import { formatAddress } from "../consumers/resolve-task-address.js";
import { taskDefinitionLabel } from "../report/build-report.js";
import { type ProbeReport, ProbeStatus, TaskEvidence, type TaskReport } from "../report/report.js";
import { classifyTask } from "./classify-task.js";
import type { PlannedService } from "./plan-service.js";
import { type PlanContext, planService } from "./plan-service.js";

/** One group judged: its task rows and its plan. */
export interface AssessedGroup {
  readonly tasks: readonly TaskReport[];
  readonly planned: PlannedService;
}

/**
 * Classifies every task of a group from its probe outcome, then plans the group, telling the
 * planner how many tasks accept any token (their service is never converged). Pure.
 */
export function assessGroup(
  inspected: InspectedGroup,
  probes: ReadonlyMap<string, ProbeReport>,
  context: PlanContext,
): AssessedGroup {
  const { window } = context;
  const tasks = inspected.tasks.map(({ task, usage, address }): TaskReport => {
    const probe = probes.get(task.taskArn) ?? { status: ProbeStatus.Skipped, detail: "not probed" };
    const fetch = inspected.settings.runtimeFetch;
    const { verdict, evidence, reason } = classifyTask(
      {
        task,
        pin: usage.pin,
        probe,
        ...(usage.pullOnly ? { pullOnly: true } : {}),
        ...(usage.runtimeFetch && fetch
          ? { runtimeFetch: { ttlSeconds: fetch.ttlSeconds, now: context.now } }
          : {}),
      },
      window,
    );
    return {
      taskArn: task.taskArn,
      taskDefinition: taskDefinitionLabel(task.taskDefinitionArn),
      lastStatus: task.lastStatus,
      createdAt: task.createdAt?.toISOString() ?? null,
      startedAt: task.startedAt?.toISOString() ?? null,
      address: address.kind === "resolved" ? formatAddress(address.host, address.port) : null,
      verdict,
      evidence,
      reason,
      probe,
    };
  });
  const { group } = inspected;
  const subject =
    group.kind === "service"
      ? { kind: "service" as const, service: group.service, optedOut: inspected.settings.optedOut }
      : { kind: "standalone" as const, family: group.family };
  const plan = planService(
    subject,
    tasks.map((task) => task.verdict),
    context,
    tasks.filter((task) => task.evidence === TaskEvidence.AcceptsAnyToken).length,
  );
  const serviceName = group.kind === "service" ? group.service.serviceName : null;
  return { tasks, planned: { cluster: group.cluster, serviceName, plan } };
}
