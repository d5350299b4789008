import type { RequestListener } from "node:http";
import { decodeJwt } from "jose";
import { createJwtApiListener } from "./create-jwt-api-listener.js";
import { createJoseAttempt, JOSE_ALGORITHMS } from "./jose-jwt-api.js";
import { readJwtAppConfig } from "./read-jwt-app-config.js";
import { peekAlgorithm, type VerifyOutcome, verifyWithKeys } from "./verify-with-keys.js";

/**
 * `sample/jwt-api:insecure`: deliberately broken. A token whose header says `alg: none` (any
 * case) is accepted unverified, the classic CVE-2015-9235 mistake; signed tokens are verified
 * properly with jose, so the app still follows key rotation. The verifier's negative probe must
 * flag it as a critical finding.
 */
export function createInsecureJwtApi(image: string, env: Readonly<Record<string, string>>): RequestListener {
  const config = readJwtAppConfig(image, env, JOSE_ALGORITHMS);
  const verify = verifyWithKeys(config.keys, createJoseAttempt(config));
  return createJwtApiListener((token) =>
    peekAlgorithm(token)?.toLowerCase() === "none" ? Promise.resolve(decodeUnverified(token)) : verify(token),
  );
}

/** A token's claims without any verification: the bug both broken apps are built around. */
export function decodeUnverified(token: string): VerifyOutcome {
  try {
    return { ok: true, claims: decodeJwt(token) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : "invalid token" };
  }
}
