import type { EventPattern, PatternMatcher } from "../../lib/event-patterns.js";

/**
 * A pure matcher for the EventBridge pattern grammar of `lib/event-patterns.ts`. The local fleet's
 * event router reads the very patterns the CDK rules deploy, so a pattern that drops an event in AWS
 * drops it on loopback too.
 */

/** A pattern uses an operator this matcher does not implement: a programming error, raised loudly. */
export class UnsupportedPatternError extends Error {
  override readonly name = "UnsupportedPatternError";
  readonly code = "EVENT_PATTERN_UNSUPPORTED";
}

/**
 * True when `event` matches `pattern` with EventBridge semantics: every pattern field must match;
 * a list matches when any matcher matches the value (or any element of an array value); `exists`
 * and `anything-but` follow AWS (a missing field never satisfies `anything-but`).
 */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  if (!isRecord(event)) return false;
  return Object.entries(pattern).every(([field, rule]) => {
    if (field === "$or")
      return asPatternList(rule).some((alternative) => matchesEventPattern(alternative, event));
    if (Array.isArray(rule))
      return matchesLeaf(rule as readonly PatternMatcher[], field in event, event[field]);
    return matchesEventPattern(rule as EventPattern, event[field]);
  });
}

function asPatternList(rule: EventPattern[string]): readonly EventPattern[] {
  if (!Array.isArray(rule) || rule.some((item) => !isRecord(item)))
    throw new UnsupportedPatternError("`$or` must hold a list of sub-patterns");
  return rule as readonly EventPattern[];
}

function matchesLeaf(matchers: readonly PatternMatcher[], present: boolean, value: unknown): boolean {
  const values: readonly unknown[] = Array.isArray(value) ? value : [value];
  return matchers.some((matcher) => {
    if (isRecord(matcher) && "exists" in matcher) return matcher.exists === (present && value !== undefined);
    if (!present) return false;
    return values.some((item) => matchesValue(matcher, item));
  });
}

function matchesValue(matcher: PatternMatcher, value: unknown): boolean {
  if (!isRecord(matcher)) return matcher === value;
  if ("prefix" in matcher) return typeof value === "string" && value.startsWith(matcher.prefix);
  if ("suffix" in matcher) return typeof value === "string" && value.endsWith(matcher.suffix);
  if ("equals-ignore-case" in matcher)
    return typeof value === "string" && value.toLowerCase() === matcher["equals-ignore-case"].toLowerCase();
  if ("anything-but" in matcher) return matchesAnythingBut(matcher["anything-but"], value);
  throw new UnsupportedPatternError(`unsupported pattern operator ${JSON.stringify(matcher)}`);
}

function matchesAnythingBut(excluded: unknown, value: unknown): boolean {
  if (isRecord(excluded) && typeof excluded.prefix === "string")
    return typeof value === "string" && !value.startsWith(excluded.prefix);
  const list: readonly unknown[] = Array.isArray(excluded) ? excluded : [excluded];
  return !list.includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
