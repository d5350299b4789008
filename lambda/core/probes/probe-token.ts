import { randomUUID } from "node:crypto";
import { base64url, type CryptoKey, generateKeyPair, SignJWT } from "jose";
import type { SigningKey } from "./keys/signing-key.js";

/** Claims a service may require; everything else the verifier fills in. */
export interface ProbeClaims {
  readonly issuer?: string;
  readonly audience?: string;
  /** @default "rollout-verifier" */
  readonly subject?: string;
}

/** Probe tokens live one minute at most: long enough for one request, useless if leaked. */
export const PROBE_TOKEN_LIFETIME_SECONDS = 60;

/** The `sub` of every probe token unless a service asks for another, so services can spot probes in their logs. */
export const DEFAULT_PROBE_SUBJECT = "rollout-verifier";

/**
 * Signs the token the verifier sends to a task: `iat` = `now`, `exp` = `iat` + 60 s, a random
 * `jti`, `sub`, optional `iss`/`aud`, and the key's `kid` in the header when it has one.
 * A task that accepts it holds the AWSCURRENT key.
 */
export async function signProbeToken(key: SigningKey, claims: ProbeClaims, now: Date): Promise<string> {
  return buildJwt(key.alg, key.kid, claims, now).sign(key.key);
}

/**
 * A token with `alg: none` and an empty signature (RFC 7519 "unsecured JWT"). Any task that accepts
 * it authenticates nobody: a critical finding.
 */
export function signAlgNoneToken(claims: ProbeClaims, now: Date): string {
  const header = base64url.encode(JSON.stringify({ alg: "none", typ: "JWT" }));
  const payload = base64url.encode(JSON.stringify(probePayload(claims, now)));
  return `${header}.${payload}.`;
}

/**
 * A token with the real key's algorithm and `kid`, signed by a random key of the same kind, so
 * that a rejection can only come from signature verification. Acceptance is a critical finding.
 * The wrong key is generated once per signing key, not per token: an RSA key pair costs tens of
 * milliseconds of CPU, which for 2,000 tasks would have been minutes of Lambda time.
 */
export async function signWrongKeyToken(key: SigningKey, claims: ProbeClaims, now: Date): Promise<string> {
  return buildJwt(key.alg, key.kid, claims, now).sign(await wrongKeyFor(key));
}

const wrongKeys = new WeakMap<SigningKey, Promise<CryptoKey | Uint8Array>>();

function wrongKeyFor(key: SigningKey): Promise<CryptoKey | Uint8Array> {
  let wrong = wrongKeys.get(key);
  if (!wrong) {
    wrong = generateWrongKey(key);
    wrongKeys.set(key, wrong);
  }
  return wrong;
}

async function generateWrongKey(key: SigningKey): Promise<CryptoKey | Uint8Array> {
  if (key.alg.startsWith("HS")) {
    const length = key.key instanceof Uint8Array ? Math.max(key.key.length, 32) : 64;
    return crypto.getRandomValues(new Uint8Array(length));
  }
  const { privateKey } = await generateKeyPair(key.alg);
  return privateKey;
}

function buildJwt(alg: string, kid: string | undefined, claims: ProbeClaims, now: Date): SignJWT {
  const header = kid === undefined ? { alg, typ: "JWT" } : { alg, typ: "JWT", kid };
  return new SignJWT(probePayload(claims, now)).setProtectedHeader(header);
}

function probePayload(claims: ProbeClaims, now: Date): Record<string, string | number> {
  const iat = Math.floor(now.getTime() / 1000);
  const payload: Record<string, string | number> = {
    sub: claims.subject ?? DEFAULT_PROBE_SUBJECT,
    iat,
    exp: iat + PROBE_TOKEN_LIFETIME_SECONDS,
    jti: randomUUID(),
  };
  if (claims.issuer !== undefined) payload.iss = claims.issuer;
  if (claims.audience !== undefined) payload.aud = claims.audience;
  return payload;
}
