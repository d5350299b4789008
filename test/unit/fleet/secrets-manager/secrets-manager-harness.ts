import type { FleetEvent } from "../../../../fleet/contracts.js";
import {
  createSecretsManagerApi,
  type SecretsManagerApi,
} from "../../../../fleet/secrets-manager/create-secrets-manager-api.js";

/** The fixtures' account and region. */
export const IDENTITY = { account: "123456789012", region: "eu-west-1" } as const;

/** A Secrets Manager API on a manual clock with sequential ids, recording every emitted event. */
export interface Harness {
  readonly api: SecretsManagerApi;
  readonly events: FleetEvent[];
  /** Moves the clock forward. */
  advance(ms: number): void;
  /** Calls an operation by name with a JSON input. */
  call(operation: string, input?: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** A version id / token of the model's length (32-64), distinct per `n`. */
export function token(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

/** Starts at 2025-06-01T03:14:00.000Z, like the fixtures' rotation. */
export function createHarness(): Harness {
  let time = Date.parse("2025-06-01T03:14:00.000Z");
  let nextId = 1_000;
  const events: FleetEvent[] = [];
  const api = createSecretsManagerApi({
    identity: IDENTITY,
    emit: (event) => events.push(event),
    now: () => new Date(time),
    newId: () => token(nextId++),
  });
  return {
    api,
    events,
    advance: (ms) => {
      time += ms;
    },
    call: async (operation, input = {}) => {
      const handler = api.operations[operation];
      if (!handler) throw new Error(`no operation ${operation}`);
      return (await handler(input)) as Record<string, unknown>;
    },
  };
}

/** Runs `action` and returns the AwsServiceError type it threw (fails the test when nothing is thrown). */
export async function errorTypeOf(action: () => unknown): Promise<string> {
  try {
    await action();
  } catch (error) {
    return (error as { type?: string }).type ?? `not an AwsServiceError: ${String(error)}`;
  }
  throw new Error("expected an AwsServiceError, nothing was thrown");
}
