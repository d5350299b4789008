import type { EcsPort } from "../ports.js";
import { clusterName } from "../report/build-report.js";

/** The invocation's one read of ECS: an `EcsPort` whose reads are shared by every run it serves. */
export interface EcsSnapshot extends EcsPort {
  /**
   * Drops what was read about one service, after a run forced a deployment of it: a later run of the
   * same invocation (another secret) must see the deployment, not force the service a second time.
   */
  forgetService(cluster: string, service: string): void;
}

/**
 * Reads ECS once per invocation. The ECS estate does not depend on the secret, so every secret an
 * invocation verifies (a sweep, a deployment event of a service reading several secrets) and the
 * routing of a deployment event share one set of answers: each distinct read (same operation, same
 * arguments) is sent once, concurrent callers share the call in flight. A failed read is not kept,
 * so a later run retries it. `forceNewDeployment` passes through: acting always reaches ECS.
 */
export function createEcsSnapshot(ecs: EcsPort): EcsSnapshot {
  const reads = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const known = reads.get(key) as Promise<T> | undefined;
    if (known) return known;
    const pending = read();
    reads.set(key, pending);
    pending.catch(() => {
      if (reads.get(key) === pending) reads.delete(key);
    });
    return pending;
  };
  const services = (cluster: string, names: readonly string[]) =>
    `describeServices\0${cluster}\0${names.join("\0")}`;
  return {
    listClusters: () => once("listClusters", () => ecs.listClusters()),
    listServices: (cluster) => once(`listServices\0${cluster}`, () => ecs.listServices(cluster)),
    describeServices: (cluster, names) =>
      once(services(cluster, names), () => ecs.describeServices(cluster, names)),
    describeTaskDefinition: (arn) =>
      once(`describeTaskDefinition\0${arn}`, () => ecs.describeTaskDefinition(arn)),
    listTasks: (cluster, filter) =>
      once(`listTasks\0${cluster}\0${JSON.stringify(filter)}`, () => ecs.listTasks(cluster, filter)),
    describeTasks: (cluster, arns) =>
      once(`describeTasks\0${cluster}\0${arns.join("\0")}`, () => ecs.describeTasks(cluster, arns)),
    resolveContainerInstanceHosts: (cluster, arns) =>
      once(`resolveContainerInstanceHosts\0${cluster}\0${arns.join("\0")}`, () =>
        ecs.resolveContainerInstanceHosts(cluster, arns),
      ),
    forceNewDeployment: (cluster, service) => ecs.forceNewDeployment(cluster, service),
    forgetService(cluster, service) {
      for (const key of [...reads.keys()]) {
        const [operation, keyCluster = "", ...names] = key.split("\0");
        if (operation !== "describeServices" || clusterName(keyCluster) !== clusterName(cluster)) continue;
        if (names.some((name) => name === service || name.endsWith(`/${service}`))) reads.delete(key);
      }
    },
  };
}
