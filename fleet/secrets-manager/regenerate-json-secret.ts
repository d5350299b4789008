import type { KeyObject } from "node:crypto";
import {
  isJwk,
  isPrivateJwk,
  type Jwk,
  jwkThumbprint,
  publicJwkOf,
  regeneratePrivateJwk,
} from "./regenerate-jwk.js";
import {
  exportPublicPemLike,
  isPemPrivateKey,
  isPemPublicKey,
  publicKeyIdentity,
  regeneratePemPrivateKey,
} from "./regenerate-pem-key.js";
import { regenerateRandomString } from "./regenerate-random-string.js";

/** Field names that hold key material; names ending in id/alg/type/url/... are metadata about a key. */
const KEY_FIELD = /(key|secret|token|password|passphrase|signing)/i;
const METADATA_FIELD = /(id|alg|algorithm|type|kty|use|crv|name|issuer|audience|url|uri|arn)$/i;

/** New public halves by the identity of the old ones, so a public field follows its own private key. */
interface NewPublicKeys {
  readonly pem: Map<string, KeyObject>;
  readonly jwk: Map<string, Jwk>;
}

function onlyValue<T>(map: Map<string, T>): T | undefined {
  return map.size === 1 ? [...map.values()][0] : undefined;
}

async function regeneratePrivateFields(
  doc: Record<string, unknown>,
  out: Record<string, unknown>,
): Promise<NewPublicKeys> {
  const fresh: NewPublicKeys = { pem: new Map(), jwk: new Map() };
  for (const [field, value] of Object.entries(doc)) {
    if (typeof value === "string" && isPemPrivateKey(value)) {
      const { pem, pair } = await regeneratePemPrivateKey(value);
      fresh.pem.set(publicKeyIdentity(value), pair.publicKey);
      out[field] = pem;
    } else if (isJwk(value) && isPrivateJwk(value)) {
      const jwk = await regeneratePrivateJwk(value);
      if (value.kty !== "oct") fresh.jwk.set(jwkThumbprint(value), publicJwkOf(jwk));
      out[field] = jwk;
    }
  }
  return fresh;
}

function regeneratePublicOrPlainField(field: string, value: unknown, fresh: NewPublicKeys): unknown {
  if (typeof value === "string" && isPemPublicKey(value)) {
    const key = fresh.pem.get(publicKeyIdentity(value)) ?? onlyValue(fresh.pem);
    return key ? exportPublicPemLike(key, value) : value;
  }
  if (isJwk(value)) return fresh.jwk.get(jwkThumbprint(value)) ?? onlyValue(fresh.jwk) ?? value;
  if (typeof value === "string" && KEY_FIELD.test(field) && !METADATA_FIELD.test(field)) {
    return regenerateRandomString(value);
  }
  return value;
}

/**
 * New key material for a JSON secret, keeping its structure: each PEM or JWK private key becomes a
 * new key of the same type, each public key the public half of the new private key it belonged to,
 * string fields named like keys (`signingKey`, `password`, ...) fresh random strings of the same
 * shape, nested objects likewise; everything else (usernames, `kid`-less metadata) is kept.
 */
export async function regenerateJsonSecret(doc: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (isJwk(doc)) return isPrivateJwk(doc) ? regeneratePrivateJwk(doc) : doc;
  const out: Record<string, unknown> = { ...doc };
  const fresh = await regeneratePrivateFields(doc, out);
  for (const [field, value] of Object.entries(doc)) {
    if (out[field] !== value) continue;
    const isPlainObject =
      typeof value === "object" && value !== null && !Array.isArray(value) && !isJwk(value);
    out[field] = isPlainObject
      ? await regenerateJsonSecret(value as Record<string, unknown>)
      : regeneratePublicOrPlainField(field, value, fresh);
  }
  return out;
}
