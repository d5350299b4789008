import { regenerateJsonSecret } from "./regenerate-json-secret.js";
import { isPemPrivateKey, regeneratePemPrivateKey } from "./regenerate-pem-key.js";
import { regenerateRandomBinary, regenerateRandomString } from "./regenerate-random-string.js";
import type { SecretValueInput } from "./secret-value-input.js";

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The built-in rotation's createSecret step: new key material of the same kind as the current
 * value. A PEM private key becomes a new key of the same type; a JSON document keeps its shape
 * with its keys regenerated (see `regenerateJsonSecret`); any other string or binary becomes a
 * fresh random value of the same format.
 */
export async function regenerateSecretValue(current: SecretValueInput): Promise<SecretValueInput> {
  if (current.secretBinary !== undefined)
    return { secretBinary: regenerateRandomBinary(current.secretBinary) };
  const text = current.secretString;
  if (isPemPrivateKey(text)) return { secretString: (await regeneratePemPrivateKey(text)).pem };
  const doc = parseJsonObject(text);
  if (!doc) return { secretString: regenerateRandomString(text) };
  const indent = text.includes("\n") ? 2 : undefined;
  return { secretString: JSON.stringify(await regenerateJsonSecret(doc), null, indent) };
}
