import {
  createPrivateKey,
  createPublicKey,
  type JsonWebKey,
  type KeyObject,
  X509Certificate,
} from "node:crypto";
import { KeyMaterialError } from "../../../errors.js";

/**
 * One piece of key material, classified: a shared secret (bytes), a private key, or a public key
 * only (which cannot sign). JWKs here are the normalised form node:crypto exports (key members
 * only), plus the original `kid`/`alg` hints the material carried.
 */
export type ParsedKeyMaterial =
  | { readonly kind: "shared"; readonly bytes: Uint8Array; readonly alg?: string; readonly kid?: string }
  | {
      readonly kind: "private";
      readonly jwk: JsonWebKey;
      readonly publicJwk: JsonWebKey;
      readonly hints: KeyHints;
    }
  | { readonly kind: "public"; readonly publicJwk: JsonWebKey; readonly hints: KeyHints };

/** What the material said about itself: a JWK's `kid` and `alg`, and whether it came from PEM. */
export interface KeyHints {
  readonly kid?: string;
  readonly alg?: string;
  readonly fromPem: boolean;
}

const PEM_LABEL = /-----BEGIN ([A-Z0-9 ]+)-----/;
const PRIVATE_PEM_LABELS = new Set(["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"]);
const PUBLIC_PEM_LABELS = new Set(["PUBLIC KEY", "RSA PUBLIC KEY"]);

/**
 * Classifies a string or a parsed JSON value. A string that is neither PEM nor a JSON JWK is a
 * shared secret (HMAC), exactly as an application reading the environment variable would use it.
 * Messages name the `where` label and the key type, never the material.
 */
export function parseKeyMaterial(value: unknown, where: string): ParsedKeyMaterial {
  if (typeof value === "string") return parseKeyString(value, where);
  if (isRecord(value) && typeof value.kty === "string") return parseJwk(value, where);
  throw new KeyMaterialError(
    `${where} is neither a string nor a JWK object: cannot sign a probe token with it`,
  );
}

function parseKeyString(text: string, where: string): ParsedKeyMaterial {
  const trimmed = text.trim();
  if (trimmed.length === 0)
    throw new KeyMaterialError(`${where} is empty: cannot sign a probe token with it`);
  const label = PEM_LABEL.exec(trimmed)?.[1];
  if (label !== undefined) return parsePem(unescapeNewlines(trimmed), label, where);
  if (trimmed.startsWith("{")) {
    const json = tryParseJson(trimmed);
    if (isRecord(json) && typeof json.kty === "string") return parseJwk(json, where);
  }
  return { kind: "shared", bytes: new TextEncoder().encode(text) };
}

function parsePem(pem: string, label: string, where: string): ParsedKeyMaterial {
  const hints: KeyHints = { fromPem: true };
  try {
    if (PRIVATE_PEM_LABELS.has(label)) return privateFrom(createPrivateKey(pem), hints);
    if (PUBLIC_PEM_LABELS.has(label)) return publicFrom(createPublicKey(pem), hints);
    if (label === "CERTIFICATE") return publicFrom(new X509Certificate(pem).publicKey, hints);
  } catch (cause) {
    throw new KeyMaterialError(`${where} holds a PEM "${label}" that node:crypto cannot read`, { cause });
  }
  const why =
    label === "ENCRYPTED PRIVATE KEY" ? "an encrypted private key (no passphrase known)" : `PEM "${label}"`;
  throw new KeyMaterialError(`${where} holds ${why}: cannot sign a probe token with it`);
}

function parseJwk(jwk: Record<string, unknown>, where: string): ParsedKeyMaterial {
  const kid = typeof jwk.kid === "string" ? jwk.kid : undefined;
  const alg = typeof jwk.alg === "string" ? jwk.alg : undefined;
  if (jwk.kty === "oct") {
    if (typeof jwk.k !== "string" || jwk.k.length === 0)
      throw new KeyMaterialError(`${where} is an "oct" JWK without a "k" member`);
    return { kind: "shared", bytes: new Uint8Array(Buffer.from(jwk.k, "base64url")), alg, kid };
  }
  const hints: KeyHints = { kid, alg, fromPem: false };
  try {
    if (typeof jwk.d === "string") return privateFrom(createPrivateKey({ key: jwk, format: "jwk" }), hints);
    return publicFrom(createPublicKey({ key: jwk, format: "jwk" }), hints);
  } catch (cause) {
    throw new KeyMaterialError(`${where} holds a "${String(jwk.kty)}" JWK that node:crypto cannot read`, {
      cause,
    });
  }
}

function privateFrom(key: KeyObject, hints: KeyHints): ParsedKeyMaterial {
  const jwk = key.export({ format: "jwk" });
  return { kind: "private", jwk, publicJwk: createPublicKey(key).export({ format: "jwk" }), hints };
}

function publicFrom(key: KeyObject, hints: KeyHints): ParsedKeyMaterial {
  return { kind: "public", publicJwk: key.export({ format: "jwk" }), hints };
}

/** A PEM pasted into a secret with literal `\n` sequences instead of line breaks still reads. */
function unescapeNewlines(pem: string): string {
  return pem.includes("\n") ? pem : pem.replaceAll("\\n", "\n");
}

/** `JSON.parse` that answers `undefined` instead of throwing (the caller decides what non-JSON means). */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
