import type { RequestListener } from "node:http";
import { errors, type JWTVerifyOptions, jwtVerify } from "jose";
import { createJwtApiListener } from "./create-jwt-api-listener.js";
import { type JwtAppConfig, readJwtAppConfig, type VerificationKey } from "./read-jwt-app-config.js";
import { type KeyAttempt, verifyWithKeys } from "./verify-with-keys.js";

/** Every JWS algorithm jose verifies on Node. */
export const JOSE_ALGORITHMS = [
  ...["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"],
  ...["ES256", "ES384", "ES512", "EdDSA", "Ed25519"],
] as const;

/** `sample/jwt-api:jose`: verifies with jose `jwtVerify`, the library the verifier itself signs with. */
export function createJoseJwtApi(image: string, env: Readonly<Record<string, string>>): RequestListener {
  const config = readJwtAppConfig(image, env, JOSE_ALGORITHMS);
  return createJwtApiListener(verifyWithKeys(config.keys, createJoseAttempt(config)));
}

/**
 * One jose verification. A signature mismatch is worded `invalid signature` (jose says
 * "signature verification failed") so every app in the catalogue rejects a stale key alike;
 * other failures keep jose's own message.
 */
export function createJoseAttempt(config: JwtAppConfig): KeyAttempt {
  const options = new Map<VerificationKey, JWTVerifyOptions>(
    config.keys.map((key) => [key, joseOptions(config, key)]),
  );
  return async (token, key) => {
    try {
      const { payload } = await jwtVerify(token, key.key, options.get(key));
      return { ok: true, claims: payload };
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        return { ok: false, error: "invalid signature", signatureMismatch: true };
      }
      return { ok: false, error: error instanceof Error ? error.message : "invalid token" };
    }
  };
}

function joseOptions(config: JwtAppConfig, key: VerificationKey): JWTVerifyOptions {
  return {
    algorithms: [...key.algorithms],
    ...(config.issuer === undefined ? {} : { issuer: config.issuer }),
    ...(config.audience === undefined ? {} : { audience: [...config.audience] }),
  };
}
