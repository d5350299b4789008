import type { KeyObject } from "node:crypto";
import type { JwtAppConfig } from "./read-jwt-app-config.js";
import type { KeyAttempt } from "./verify-with-keys.js";

/** The part of the jsonwebtoken API (identical in 8.5.1 and 9) the sample apps use: synchronous `verify`. */
export interface JsonwebtokenLibrary {
  verify(
    token: string,
    key: KeyObject,
    options: { algorithms: string[]; issuer?: string; audience?: string[] },
  ): unknown;
}

/** The algorithms jsonwebtoken 8 and 9 verify (neither knows EdDSA). */
export const JSONWEBTOKEN_ALGORITHMS = [
  ...["HS256", "HS384", "HS512", "RS256", "RS384", "RS512"],
  ...["PS256", "PS384", "PS512", "ES256", "ES384", "ES512"],
] as const;

/**
 * One jsonwebtoken verification with the library's own wording (`invalid signature`,
 * `jwt expired`, `jwt audience invalid. expected: ...`): exactly what a real service answers.
 */
export function createJsonwebtokenAttempt(library: JsonwebtokenLibrary, config: JwtAppConfig): KeyAttempt {
  const shared = {
    ...(config.issuer === undefined ? {} : { issuer: config.issuer }),
    ...(config.audience === undefined ? {} : { audience: [...config.audience] }),
  };
  return (token, key) => {
    try {
      const payload = library.verify(token, key.key, { ...shared, algorithms: [...key.algorithms] });
      const claims =
        typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : {};
      return { ok: true, claims };
    } catch (error) {
      const message = error instanceof Error ? error.message : "invalid token";
      if (message === "invalid signature") return { ok: false, error: message, signatureMismatch: true };
      return { ok: false, error: message };
    }
  };
}
