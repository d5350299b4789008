import type { RequestListener } from "node:http";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { AppConfigError } from "./app-errors.js";
import { createJwtApiListener } from "./create-jwt-api-listener.js";
import { createJoseAttempt, JOSE_ALGORITHMS } from "./jose-jwt-api.js";
import { JwtAppEnv, readJwtAppConfig } from "./read-jwt-app-config.js";
import { type TokenVerifier, verifyWithKeys } from "./verify-with-keys.js";

/** The container environment of the runtime-fetch app, read once at start. */
export const RuntimeFetchEnv = {
  /** The secret it reads through the Secrets Manager API (ARN or name). */
  secretId: "SECRET_ID",
  /** Seconds a value read is kept before the next request reads it again; `never`: read once, at start. */
  cacheTtl: "SECRET_CACHE_TTL_SECONDS",
  /** Where the API is (the fleet's endpoint); a real task uses the SDK's default. */
  endpoint: "AWS_ENDPOINT_URL",
  region: "AWS_REGION",
} as const;

/**
 * `sample/jwt-api:runtime-fetch`: verifies JWTs like `sample/jwt-api:jose`, but with a key it reads
 * at run time through the Secrets Manager API (`GetSecretValue`, AWSCURRENT) into a cache with a
 * TTL, as AWS's caching clients and the Secrets Manager Agent do: it reads at start, and a request
 * arriving after the TTL reads again first. With `SECRET_CACHE_TTL_SECONDS=never` it reads once at
 * start and never again: the app a runtime-fetch declaration cannot save. `JWT_ISSUER` and
 * `JWT_AUDIENCE` work as for the other JWT apps. Nothing is logged.
 * @throws AppConfigError when `SECRET_ID` or a valid TTL is missing.
 */
export function createRuntimeFetchJwtApi(
  image: string,
  env: Readonly<Record<string, string>>,
): RequestListener {
  const secretId = env[RuntimeFetchEnv.secretId];
  if (!secretId) throw new AppConfigError(image, `${RuntimeFetchEnv.secretId} is not set`);
  const rawTtl = env[RuntimeFetchEnv.cacheTtl] ?? "";
  const ttlMs = rawTtl === "never" ? Number.POSITIVE_INFINITY : Number(rawTtl) * 1000;
  if (rawTtl === "" || Number.isNaN(ttlMs) || ttlMs < 0)
    throw new AppConfigError(image, `${RuntimeFetchEnv.cacheTtl} is not a number of seconds or "never"`);
  const client = new SecretsManagerClient({
    region: env[RuntimeFetchEnv.region] ?? "eu-west-1",
    maxAttempts: 1,
    credentials: { accessKeyId: "sample-app", secretAccessKey: "sample-app" },
    ...(env[RuntimeFetchEnv.endpoint] ? { endpoint: env[RuntimeFetchEnv.endpoint] } : {}),
  });
  let cached: { verifier: Promise<TokenVerifier>; readAt: number } | undefined;
  const read = async (): Promise<TokenVerifier> => {
    const value = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    const config = readJwtAppConfig(
      image,
      { ...env, [JwtAppEnv.secret]: value.SecretString ?? "" },
      JOSE_ALGORITHMS,
    );
    return verifyWithKeys(config.keys, createJoseAttempt(config));
  };
  const current = (): Promise<TokenVerifier> => {
    if (!cached || Date.now() - cached.readAt >= ttlMs) {
      const verifier = read();
      cached = { verifier, readAt: Date.now() };
      // A failed read is retried by the next request, as a cache does.
      verifier.catch(() => {
        if (cached?.verifier === verifier) cached = undefined;
      });
    }
    return cached.verifier;
  };
  void current().catch(() => undefined);
  // A failed read (the API unreachable) rejects the token, never crashes the task.
  return createJwtApiListener(async (token) => {
    try {
      return await (await current())(token);
    } catch {
      return { ok: false, error: "secret unavailable" };
    }
  });
}
