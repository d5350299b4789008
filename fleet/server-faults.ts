/** Faults injected into one operation (or every operation with `*`). */
export interface OperationFault {
  /** Added before the operation runs. @default 0 */
  readonly latencyMs?: number;
  /** Share of calls answered `ThrottlingException` (HTTP 400), 0..1. @default 0 */
  readonly throttleRate?: number;
  /** Share of calls answered with a 500 server error, 0..1. @default 0 */
  readonly serverErrorRate?: number;
  /** Share of calls never answered: the connection stays open until the client gives up, 0..1. @default 0 */
  readonly hangRate?: number;
  /**
   * Share of calls that are applied and whose answer is then lost (the connection is reset instead of
   * answered): the client cannot tell whether the call took effect, 0..1. @default 0
   */
  readonly lostResponseRate?: number;
}

/** What the front door does with a call before running it. */
export type FaultDecision =
  | { readonly kind: "pass"; readonly latencyMs: number }
  | { readonly kind: "throttle"; readonly latencyMs: number }
  | { readonly kind: "server-error"; readonly latencyMs: number }
  | { readonly kind: "hang"; readonly latencyMs: number }
  | { readonly kind: "lost-response"; readonly latencyMs: number };

/**
 * Fault injection per operation. Keys: `<service>.Operation` (service `ecs` or `secretsmanager`, or
 * the full target prefix; needed when both share a name, e.g. TagResource), `Operation`,
 * `<service>.*` or `*`; the most specific key wins.
 */
export interface FaultInjector {
  set(key: string, fault: OperationFault): void;
  clear(key?: string): void;
  decide(targetPrefix: string, operation: string): FaultDecision;
}

/** Short names accepted in fault keys. */
const shortServiceNames: Readonly<Record<string, string>> = { AmazonEC2ContainerServiceV20141113: "ecs" };

/** A fault injector drawing from `random` (inject a seeded one for deterministic tests). */
export function createFaultInjector(random: () => number = Math.random): FaultInjector {
  const faults = new Map<string, OperationFault>();
  return {
    set(key, fault) {
      faults.set(key, fault);
    },
    clear(key) {
      if (key === undefined) faults.clear();
      else faults.delete(key);
    },
    decide(targetPrefix, operation) {
      const service = shortServiceNames[targetPrefix] ?? targetPrefix;
      const keys = [
        `${targetPrefix}.${operation}`,
        `${service}.${operation}`,
        operation,
        `${service}.*`,
        "*",
      ];
      const fault = keys.map((key) => faults.get(key)).find((candidate) => candidate !== undefined);
      const latencyMs = fault?.latencyMs ?? 0;
      if (fault?.throttleRate && random() < fault.throttleRate) return { kind: "throttle", latencyMs };
      if (fault?.serverErrorRate && random() < fault.serverErrorRate)
        return { kind: "server-error", latencyMs };
      if (fault?.hangRate && random() < fault.hangRate) return { kind: "hang", latencyMs };
      if (fault?.lostResponseRate && random() < fault.lostResponseRate)
        return { kind: "lost-response", latencyMs };
      return { kind: "pass", latencyMs };
    },
  };
}
