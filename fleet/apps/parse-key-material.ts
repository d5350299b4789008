import {
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  type JsonWebKey,
  type KeyObject,
} from "node:crypto";
import { AppConfigError } from "./app-errors.js";

/**
 * Turns one environment value into the key that verifies tokens, the way a real service does at
 * boot: a PEM or JWK public key as is; a PEM or JWK private key reduced to its public half (the
 * app only verifies); a JWK `oct` key or any other string as an HMAC secret (its UTF-8 bytes, as
 * jsonwebtoken and `new TextEncoder().encode(secret)` both do).
 *
 * Called once at start-up: the parsed key is what the task keeps for its whole life.
 * @throws AppConfigError when the value is empty or a PEM/JWK that does not parse (no key material in the message).
 */
export function parseKeyMaterial(image: string, variable: string, value: string): KeyObject {
  const text = value.trim();
  if (text.length === 0) throw new AppConfigError(image, `${variable} is empty`);
  try {
    if (text.startsWith("-----BEGIN")) return parsePem(text);
    const jwk = parseJwk(text);
    if (jwk !== undefined) return keyFromJwk(jwk);
  } catch (cause) {
    const reason = cause instanceof Error && "code" in cause ? String(cause.code) : "unparsable";
    throw new AppConfigError(image, `${variable} holds a key that does not parse (${reason})`, { cause });
  }
  return createSecretKey(Buffer.from(value, "utf8"));
}

function parsePem(pem: string): KeyObject {
  return pem.includes("PRIVATE KEY") ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
}

/** A JSON object with a `kty` member is a JWK; any other string (JSON or not) is a shared secret. */
function parseJwk(text: string): JsonWebKey | undefined {
  if (!text.startsWith("{")) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || !("kty" in parsed)) return undefined;
  return parsed as JsonWebKey;
}

function keyFromJwk(jwk: JsonWebKey): KeyObject {
  if (jwk.kty === "oct") {
    if (typeof jwk.k !== "string") throw new Error("oct JWK without k");
    return createSecretKey(Buffer.from(jwk.k, "base64url"));
  }
  if (typeof jwk.d === "string") return createPublicKey(createPrivateKey({ key: jwk, format: "jwk" }));
  return createPublicKey({ key: jwk, format: "jwk" });
}
