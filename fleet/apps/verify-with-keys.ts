import type { VerificationKey } from "./read-jwt-app-config.js";

/** What an app answers for one token: 200 with the claims, or 401 with the library's message. */
export type VerifyOutcome =
  | { readonly ok: true; readonly claims: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly error: string };

/** Verifies one bearer token; never throws (a rejected token is an outcome, not an error). */
export type TokenVerifier = (token: string) => Promise<VerifyOutcome>;

/** One library's verdict on one token with one key; `signatureMismatch` lets the next key try. */
export type KeyAttemptOutcome =
  | VerifyOutcome
  | { readonly ok: false; readonly error: string; readonly signatureMismatch: true };

/** Verifies a token against a single key with one JWT library. */
export type KeyAttempt = (
  token: string,
  key: VerificationKey,
) => KeyAttemptOutcome | Promise<KeyAttemptOutcome>;

/**
 * Dual-key grace period: the keys whose algorithms admit the token's `alg` are tried in order
 * (current first) and the next one only when the signature did not match. Any other failure
 * (expired, wrong audience...) comes from a key whose signature did match, so it is final. A
 * token no key admits is judged by the first key, so the library words the rejection itself.
 */
export function verifyWithKeys(keys: readonly VerificationKey[], attempt: KeyAttempt): TokenVerifier {
  const [first] = keys;
  if (first === undefined) throw new Error("verifyWithKeys needs at least one key");
  return async (token) => {
    const alg = peekAlgorithm(token);
    const candidates = keys.filter((key) => alg !== undefined && key.algorithms.includes(alg));
    if (candidates.length === 0) return strip(await attempt(token, first));
    let outcome: KeyAttemptOutcome | undefined;
    for (const key of candidates) {
      outcome = await attempt(token, key);
      if (outcome.ok || !("signatureMismatch" in outcome)) break;
    }
    return strip(outcome ?? (await attempt(token, first)));
  };
}

function strip(outcome: KeyAttemptOutcome): VerifyOutcome {
  return outcome.ok ? outcome : { ok: false, error: outcome.error };
}

/** The `alg` of a compact JWS header, or undefined when the token is not one (the library will say why). */
export function peekAlgorithm(token: string): string | undefined {
  const dot = token.indexOf(".");
  if (dot <= 0) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, dot), "base64url").toString("utf8"));
    if (typeof header !== "object" || header === null || !("alg" in header)) return undefined;
    return typeof header.alg === "string" ? header.alg : undefined;
  } catch {
    return undefined;
  }
}
