import { fingerprintKey } from "./key-fingerprint.js";

/**
 * The fingerprint of what a consumer actually reads: the JSON field named by its `json-key` when the
 * secret is a JSON object with that string field, else the whole SecretString. Never throws and
 * never returns material.
 */
export function fingerprintMaterial(secretString: string, jsonKey?: string): string {
  if (jsonKey === undefined) return fingerprintKey(secretString);
  try {
    const parsed: unknown = JSON.parse(secretString);
    if (typeof parsed === "object" && parsed !== null) {
      const field = (parsed as Record<string, unknown>)[jsonKey];
      if (typeof field === "string") return fingerprintKey(field);
    }
  } catch {
    // Not JSON: the app would fail to read the field; fingerprint the whole value instead.
  }
  return fingerprintKey(secretString);
}
