import { arnResource, serviceArn } from "./ecs-arns.js";
import { clientError, clusterNotFound, invalidParameter, serviceNotFound } from "./ecs-errors.js";
import type {
  ClusterRecord,
  EcsState,
  ServiceRecord,
  TaskDefinitionRecord,
  TaskRecord,
} from "./ecs-state.js";

/** The cluster named (short name or ARN; `default` when absent), or ClusterNotFoundException. */
export function findCluster(state: EcsState, ref: string | undefined): ClusterRecord {
  const name = ref === undefined ? "default" : (arnResource(ref)?.path ?? ref);
  const cluster = state.clusters.get(name);
  if (!cluster || (ref?.startsWith("arn:") && ref !== cluster.arn)) throw clusterNotFound();
  return cluster;
}

/** A service of the cluster by name or ARN, in any status; undefined when unknown. */
export function lookupService(
  state: EcsState,
  cluster: ClusterRecord,
  ref: string,
): ServiceRecord | undefined {
  const parsed = arnResource(ref);
  const name = parsed ? (parsed.path.split("/").pop() ?? "") : ref;
  return state.services.get(serviceArn(state.identity, cluster.name, name));
}

/** An ACTIVE or DRAINING service by name or ARN, or ServiceNotFoundException. */
export function findService(state: EcsState, cluster: ClusterRecord, ref: string): ServiceRecord {
  const service = lookupService(state, cluster, ref);
  if (!service || service.status === "INACTIVE") throw serviceNotFound();
  return service;
}

/**
 * A task definition by `family` (latest ACTIVE revision), `family:revision` or full ARN.
 * Unknown references are ClientException, as on ECS.
 */
export function findTaskDefinition(state: EcsState, ref: string): TaskDefinitionRecord {
  const parsed = arnResource(ref);
  if (ref.startsWith("arn:") && parsed?.type !== "task-definition")
    throw invalidParameter("Invalid task definition ARN.");
  const familyRevision = parsed ? parsed.path : ref;
  const [family = "", revisionText] = familyRevision.split(":");
  const revisions = state.taskDefinitions.get(family) ?? [];
  const found =
    revisionText === undefined
      ? revisions.filter((revision) => revision.status === "ACTIVE").at(-1)
      : revisions.find((revision) => String(revision.revision) === revisionText);
  if (!found) throw clientError("Unable to describe task definition.");
  return found;
}

/** A task of the cluster by id or ARN; undefined when unknown. */
export function lookupTask(state: EcsState, cluster: ClusterRecord, ref: string): TaskRecord | undefined {
  const id = ref.startsWith("arn:") ? ref.split("/").pop() : ref;
  for (const candidate of [ref, `${cluster.arn.replace(":cluster/", ":task/")}/${id}`]) {
    const task = state.tasks.get(candidate);
    if (task && task.cluster === cluster) return task;
  }
  return undefined;
}
