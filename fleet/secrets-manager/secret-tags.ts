import { invalidParameter } from "./secret-errors.js";
import type { SecretTag } from "./secret-store.js";

/** Reads a `Tags` list of `{Key, Value}` (capitalised, unlike ECS), rejecting anything else. */
export function readTags(raw: readonly Record<string, unknown>[]): SecretTag[] {
  return raw.map((tag) => {
    const { Key, Value } = tag;
    if (typeof Key !== "string" || Key.length === 0 || Key.length > 128) {
      throw invalidParameter("Invalid tag key: each tag needs a Key of 1-128 characters.");
    }
    if (Value !== undefined && typeof Value !== "string") {
      throw invalidParameter(`Invalid tag value for key ${Key}: a string is required.`);
    }
    return { Key, Value: Value ?? "" };
  });
}

/** Adds or overwrites tags by key, keeping the existing order for keys already present. */
export function mergeTags(existing: readonly SecretTag[], added: readonly SecretTag[]): SecretTag[] {
  const byKey = new Map(existing.map((tag) => [tag.Key, tag] as const));
  for (const tag of added) byKey.set(tag.Key, tag);
  return [...byKey.values()];
}
