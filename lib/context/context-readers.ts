import { StackContextError } from "../rollout-verifier-error.js";
import type { ContextSource } from "./context-entry.js";

/** The key being read and where its value was set: every error names both. */
export interface ContextField {
  readonly key: string;
  readonly source: ContextSource;
}

/** Reads one context value into its typed form, or throws a `StackContextError` naming the field. */
export type ContextReader<T> = (field: ContextField, value: unknown) => T;

/** Rejects the value with a message that names the key and its source. */
export function fail(field: ContextField, message: string): never {
  throw new StackContextError(field.key, message, field.source);
}

/**
 * `-c key=value` always arrives as a string, so a JSON array or object given on the command line
 * (`-c 'clusters=["a","b"]'`) is decoded here; the same value from `cdk.json` is already JSON.
 */
export function decodeJsonText(field: ContextField, value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (!text.startsWith("[") && !text.startsWith("{")) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return fail(field, `is not valid JSON (${(error as Error).message}), got ${text}`);
  }
}

export function readString(field: ContextField, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "")
    fail(field, `must be a non-empty string, got ${JSON.stringify(value)}`);
  return value.trim();
}

/** A string matching `pattern`; `form` tells the operator what a valid value looks like. */
export function readMatching(pattern: RegExp, form: string): ContextReader<string> {
  return (field, value) => {
    const text = readString(field, value);
    if (!pattern.test(text)) fail(field, `must be ${form}, got "${text}"`);
    return text;
  };
}

/**
 * A list: a JSON array (in `cdk.json`, or as text with `-c`) or a comma-separated string. An empty
 * list is an error, never "no restriction": the caller says what omitting the key means instead.
 */
export function readList<T>(item: ContextReader<T>, emptyHint: string): ContextReader<T[]> {
  return (field, value) => {
    const decoded = decodeJsonText(field, value);
    const items =
      typeof decoded === "string"
        ? decoded
            .split(",")
            .map((part) => part.trim())
            .filter((part) => part !== "")
        : decoded;
    if (!Array.isArray(items))
      fail(field, `must be a JSON array or a comma-separated string, got ${JSON.stringify(value)}`);
    if (items.length === 0) fail(field, `is empty: ${emptyHint}`);
    return items.map((entry) => item(field, entry));
  };
}

export function readBoolean(field: ContextField, value: unknown): boolean {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  return fail(field, `must be true or false, got ${JSON.stringify(value)}`);
}

/** An integer from `min` to `max`, as a JSON number or as `-c` text. */
export function readInteger(min: number, max: number): ContextReader<number> {
  return (field, value) => {
    const parsed = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof parsed !== "number" || !Number.isInteger(parsed) || parsed < min || parsed > max)
      fail(field, `must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
    return parsed;
  };
}

/** One of `choices`, exactly as written. */
export function readOneOf<T extends string>(choices: readonly T[]): ContextReader<T> {
  return (field, value) => {
    const text = readString(field, value);
    if (!(choices as readonly string[]).includes(text))
      fail(field, `must be one of ${choices.map((choice) => `"${choice}"`).join(", ")}, got "${text}"`);
    return text as T;
  };
}
