import { KeyMaterialError } from "../../../errors.js";
import { isRecord, tryParseJson } from "./signing-key-material.js";

/** The part of a SecretString a consumer reads, plus the other values a matching private key may hide in. */
export interface PickedMaterial {
  /** A string, or a parsed JSON value (a JWK object). */
  readonly value: unknown;
  /** The exact text fingerprinted: the SecretString, or the chosen JSON field as ECS injects it. */
  readonly material: string;
  /** Names the material in messages, e.g. `JSON key "signingKey" of prod/jwt`. */
  readonly where: string;
  /** Other fields of the same JSON document (or other keys of a JWK set). */
  readonly siblings: readonly unknown[];
}

/**
 * Selects the material like ECS does: with a `jsonKey`, the field of the JSON SecretString (ECS
 * injects a nested object as its JSON text); without, the whole string, except that a JWK set
 * (`{"keys": [...]}`) yields its first private key.
 */
export function pickMaterial(
  secretString: string,
  jsonKey: string | undefined,
  source: string,
): PickedMaterial {
  const document = tryParseJson(secretString);
  if (jsonKey !== undefined) return pickJsonKey(document, jsonKey, source);
  if (isRecord(document) && Array.isArray(document.keys))
    return pickFromJwkSet(document.keys, secretString, source);
  return { value: secretString, material: secretString, where: source, siblings: [] };
}

function pickJsonKey(document: unknown, jsonKey: string, source: string): PickedMaterial {
  if (!isRecord(document))
    throw new KeyMaterialError(
      `${source} is not a JSON object, so it has no JSON key "${jsonKey}" to sign with`,
    );
  const value = document[jsonKey];
  if (value === undefined || value === null)
    throw new KeyMaterialError(`${source} has no JSON key "${jsonKey}" to sign with`);
  const siblings = Object.entries(document)
    .filter(([name]) => name !== jsonKey)
    .map(([, sibling]) => sibling);
  const material = typeof value === "string" ? value : JSON.stringify(value);
  return { value, material, where: `JSON key "${jsonKey}" of ${source}`, siblings };
}

function pickFromJwkSet(keys: readonly unknown[], secretString: string, source: string): PickedMaterial {
  const index = Math.max(
    0,
    keys.findIndex((key) => isRecord(key) && (typeof key.d === "string" || key.kty === "oct")),
  );
  if (keys.length === 0) throw new KeyMaterialError(`${source} is a JWK set without keys`);
  const siblings = keys.filter((_, i) => i !== index);
  return { value: keys[index], material: secretString, where: `JWK set ${source}`, siblings };
}
