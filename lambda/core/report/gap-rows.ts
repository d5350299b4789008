import type { UnjudgedTask } from "../consumers/describe-listed-tasks.js";
import type { InspectedGroup } from "../consumers/inspect-groups.js";
import type { ServicePlan } from "../judgement/plan-service.js";
import { ProbeStatus, ServiceVerdict, TaskEvidence, type TaskReport, TaskVerdict } from "./report.js";

/** A task ECS listed but the run could not judge: present in the report, verdict `unknown`. */
export function unjudgedTaskReport(task: UnjudgedTask): TaskReport {
  return {
    taskArn: task.taskArn,
    taskDefinition: "unknown",
    lastStatus: "UNKNOWN",
    createdAt: null,
    startedAt: null,
    address: null,
    verdict: TaskVerdict.Unknown,
    evidence: TaskEvidence.None,
    reason: task.reason,
    probe: { status: ProbeStatus.Skipped, detail: "not probed: the task could not be read" },
  };
}

/**
 * A service whose task list has holes is never called converged, and nothing is forced on what the
 * holes hide: a plan from the tasks the run could see stands only if it rests on their evidence
 * (a `redeploy` for tasks proven stale does); otherwise the service waits for a run that sees it all.
 */
export function holdForGaps(plan: ServicePlan, inspected: InspectedGroup): ServicePlan {
  const hidden = inspected.unjudged.length;
  if (hidden === 0 && !inspected.incomplete) return plan;
  if (plan.verdict !== ServiceVerdict.Converged) return plan;
  const what = inspected.incomplete
    ? `Its running tasks could not all be read (${inspected.incomplete})`
    : `${hidden} running task(s) could not be read`;
  return {
    verdict: ServiceVerdict.Wait,
    reason: `${what}: not judged converged; nothing is forced on missing data, the next run or sweep verifies them. See the report's gaps.`,
    deploymentId: plan.deploymentId,
  };
}
