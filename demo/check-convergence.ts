import type { Fleet } from "../fleet/fleet-api.js";
import { demoCluster, demoIssueBody, demoServices } from "./demo-services.js";
import { heldKeys, issuingKeys } from "./held-keys.js";

/** One service's state after the run, established without the verifier's help. */
export interface ServiceConvergence {
  readonly service: string;
  readonly tasks: number;
  /** Tasks proven to hold the new key. */
  readonly onNewKey: number;
  readonly evidence: string;
}

export interface Convergence {
  readonly converged: boolean;
  readonly services: readonly ServiceConvergence[];
}

/**
 * The demo's own check, independent of the verifier's report: every JWT task must accept a token
 * signed with the new key and reject the old one; every issuer task must issue tokens that verify with
 * the new key; a task without a JWT endpoint must have started after the cut-over (ECS reads the
 * secret only at start).
 */
export async function checkConvergence(
  fleet: Fleet,
  keys: { readonly old: string; readonly new: string },
  cutover: Date,
): Promise<Convergence> {
  const services: ServiceConvergence[] = [];
  for (const service of demoServices) {
    const tasks = fleet.runningTasks(demoCluster, service.name);
    if (service.issuePath !== undefined) {
      const held = await issuingKeys(tasks, service.issuePath, demoIssueBody, keys);
      services.push({
        service: service.name,
        tasks: tasks.length,
        onNewKey: held.filter((key) => key === "new").length,
        evidence: "issue tokens signed with the new key",
      });
    } else if (service.probePath) {
      const held = await heldKeys(tasks, service.probePath, keys);
      const onNewKey = held.filter((key) => key === "new").length;
      services.push({
        service: service.name,
        tasks: tasks.length,
        onNewKey,
        evidence: "accept the new key, reject the old",
      });
    } else {
      const onNewKey = tasks.filter(
        (task) => (fleet.ecs.tasks.get(task.taskArn)?.startedAt ?? 0) > cutover.getTime(),
      ).length;
      services.push({
        service: service.name,
        tasks: tasks.length,
        onNewKey,
        evidence: "started after the cut-over",
      });
    }
  }
  const converged = services.every((service) => service.tasks > 0 && service.onNewKey === service.tasks);
  return { converged, services };
}
