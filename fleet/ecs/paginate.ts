import { invalidParameter } from "./ecs-errors.js";

/** One page of a list call and the token for the next one. */
export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

/** Paging limits of one List operation from the model. */
export interface PageLimits {
  readonly defaultMax: number;
  readonly max: number;
}

/**
 * Pages `items` with ECS semantics: `maxResults` in [1, max] (else InvalidParameterException),
 * an opaque `nextToken` that only this fleet issues (a foreign token is rejected the same way).
 */
export function paginate<T>(
  items: readonly T[],
  input: { nextToken?: string | undefined; maxResults?: number | undefined },
  limits: PageLimits,
): Page<T> {
  const size = input.maxResults ?? limits.defaultMax;
  if (size < 1 || size > limits.max) {
    throw invalidParameter(`maxResults must be between 1 and ${limits.max}.`);
  }
  const start = input.nextToken === undefined ? 0 : decodeToken(input.nextToken);
  const end = start + size;
  const page = items.slice(start, end);
  return end < items.length ? { items: page, nextToken: encodeToken(end) } : { items: page };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ fleetOffset: offset })).toString("base64");
}

function decodeToken(token: string): number {
  try {
    const offset = (JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { fleetOffset?: unknown })
      .fleetOffset;
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through: a token this fleet did not issue
  }
  throw invalidParameter("Invalid nextToken.");
}
