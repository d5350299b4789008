import { invalidParameter } from "./ecs-errors.js";
import type { EcsTag } from "./ecs-state.js";

/** Typed reads of a decoded JSON 1.1 input; a wrong type is an InvalidParameterException, as on ECS. */
type Input = Readonly<Record<string, unknown>>;

/** An optional string member. */
export function optionalString(input: Input, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidParameter(`${key} must be a string.`);
  return value;
}

/** A required string member. */
export function requiredString(input: Input, key: string): string {
  const value = optionalString(input, key);
  if (value === undefined || value === "") throw invalidParameter(`${key} is required.`);
  return value;
}

/** An optional integer member. */
export function optionalInteger(input: Input, key: string): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value))
    throw invalidParameter(`${key} must be an integer.`);
  return value;
}

/** An optional boolean member. */
export function optionalBoolean(input: Input, key: string): boolean | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw invalidParameter(`${key} must be a boolean.`);
  return value;
}

/** An optional list of strings. */
export function optionalStringList(input: Input, key: string): string[] | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw invalidParameter(`${key} must be a list of strings.`);
  }
  return value as string[];
}

/** An optional ECS tag list (`{key, value}`). */
export function optionalTags(input: Input, key = "tags"): EcsTag[] | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidParameter(`${key} must be a list of tags.`);
  return value.map((tag: unknown) => {
    const record = (tag ?? {}) as Record<string, unknown>;
    if (typeof record.key !== "string" || record.key === "")
      throw invalidParameter("Tag keys must be non-empty strings.");
    return { key: record.key, value: typeof record.value === "string" ? record.value : "" };
  });
}

/** An optional object member (kept as given). */
export function optionalObject(input: Input, key: string): Record<string, unknown> | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw invalidParameter(`${key} must be an object.`);
  return value as Record<string, unknown>;
}

/** Whether `include` asks for TAGS. */
export function includesTags(input: Input): boolean {
  return optionalStringList(input, "include")?.includes("TAGS") ?? false;
}
