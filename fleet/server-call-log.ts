/** One request the fleet answered: which operation, with what input, when, and the HTTP status. */
export interface CallLogEntry {
  readonly service: string;
  readonly operation: string;
  /** The decoded input with `SecretString` / `SecretBinary` redacted: no secret value is ever kept here. */
  readonly input: Record<string, unknown>;
  /** Epoch milliseconds when the request arrived. */
  readonly at: number;
  readonly status: number;
  /** The caller's SDK user agent: tells the product's calls (`ecs-rollout-verifier`) from a test's or an operator's. */
  readonly userAgent: string;
}

/** Which calls to list; `userAgent` matches a substring of the caller's user agent. */
export interface CallFilter {
  readonly service?: string;
  readonly operation?: string;
  readonly userAgent?: string;
}

/** The fleet's call log: lets tests assert which AWS calls the product made, and how many. */
export interface CallLog {
  /** Entries oldest first, optionally filtered. */
  entries(filter?: CallFilter): readonly CallLogEntry[];
  count(filter?: CallFilter): number;
  clear(): void;
  record(entry: CallLogEntry): void;
}

const redactedMembers = new Set(["SecretString", "SecretBinary"]);

/** A bounded call log (oldest entries dropped beyond `capacity`). */
export function createCallLog(capacity = 20_000): CallLog {
  let log: CallLogEntry[] = [];
  const matches = (entry: CallLogEntry, filter?: CallFilter) =>
    (filter?.service === undefined || entry.service === filter.service) &&
    (filter?.operation === undefined || entry.operation === filter.operation) &&
    (filter?.userAgent === undefined || entry.userAgent.includes(filter.userAgent));
  return {
    entries: (filter) => log.filter((entry) => matches(entry, filter)),
    count: (filter) => log.filter((entry) => matches(entry, filter)).length,
    clear() {
      log = [];
    },
    record(entry) {
      log.push({ ...entry, input: redact(entry.input) });
      if (log.length > capacity) log.splice(0, log.length - capacity);
    },
  };
}

function redact(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [key, redactedMembers.has(key) ? "<redacted>" : value]),
  );
}
