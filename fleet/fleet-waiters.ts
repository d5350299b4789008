import type { FleetEvent } from "./contracts.js";
import type { DeploymentRecord, EcsState, ServiceRecord } from "./ecs/ecs-state.js";
import { findCluster, lookupService } from "./ecs/find-resources.js";

/** A fleet wait ran out of time; the message names what was awaited. */
export class FleetWaitTimeoutError extends Error {
  override readonly name = "FleetWaitTimeoutError";
  readonly code = "FLEET_WAIT_TIMEOUT";
}

/** How long a wait may take. */
export interface WaitOptions {
  /** @default 10000 */
  readonly timeoutMs?: number;
}

type Subscribe = (listener: (event: FleetEvent) => void) => () => void;

/**
 * Resolves with the first value of `probe` that is neither undefined nor false, checked now, on
 * every fleet event and every 50 ms (a probe that throws counts as "not yet"); rejects with
 * FleetWaitTimeoutError after `timeoutMs`.
 */
export function waitForValue<T>(
  subscribe: Subscribe,
  probe: (event?: FleetEvent) => T | undefined,
  what: string,
  options: WaitOptions = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (action: () => void) => {
      if (done) return;
      done = true;
      unsubscribe();
      clearInterval(poll);
      clearTimeout(timer);
      action();
    };
    const check = (event?: FleetEvent) => {
      let value: T | undefined;
      try {
        value = probe(event);
      } catch {
        value = undefined; // e.g. the cluster does not exist yet: keep waiting
      }
      if (value !== undefined && value !== false) finish(() => resolve(value));
    };
    const unsubscribe = subscribe((event) => check(event));
    const poll = setInterval(() => check(), 50);
    const timeoutMs = options.timeoutMs ?? 10_000;
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new FleetWaitTimeoutError(`Timed out after ${timeoutMs} ms waiting for ${what}`)),
        ),
      timeoutMs,
    );
    check();
  });
}

/** The service when its PRIMARY deployment is COMPLETED, alone, with `desiredCount` tasks RUNNING. */
export function steadyService(state: EcsState, cluster: string, service: string): ServiceRecord | undefined {
  const record = lookupService(state, findCluster(state, cluster), service);
  const primary = record?.deployments[0];
  if (!record || !primary || record.deployments.length !== 1 || primary.rolloutState !== "COMPLETED")
    return undefined;
  const running = [...record.liveTasks].filter(
    (t) => t.lastStatus === "RUNNING" && t.desiredStatus === "RUNNING",
  );
  return running.length === record.desiredCount ? record : undefined;
}

/** A deployment of the service once it is settled (COMPLETED or FAILED), whether or not it is still PRIMARY. */
export function settledDeployment(
  state: EcsState,
  cluster: string,
  service: string,
  deploymentId: string,
): DeploymentRecord | undefined {
  const record = lookupService(state, findCluster(state, cluster), service);
  const deployment = record?.history.find((candidate) => candidate.id === deploymentId);
  return deployment && deployment.rolloutState !== "IN_PROGRESS" ? deployment : undefined;
}
