import type { KeyObject } from "node:crypto";
import { AppConfigError } from "./app-errors.js";
import { parseKeyMaterial } from "./parse-key-material.js";

/** The container environment variables every JWT sample app reads, once, at start-up. */
export const JwtAppEnv = {
  secret: "JWT_SECRET",
  publicKey: "JWT_PUBLIC_KEY",
  previousSecret: "JWT_PREVIOUS_SECRET",
  algorithms: "JWT_ALGORITHMS",
  issuer: "JWT_ISSUER",
  audience: "JWT_AUDIENCE",
} as const;

/** One key the app accepts, with the algorithms it accepts for it. */
export interface VerificationKey {
  readonly key: KeyObject;
  readonly algorithms: readonly string[];
}

/** What a JWT sample app holds for its whole life: the incident happens because it never re-reads it. */
export interface JwtAppConfig {
  readonly image: string;
  /** The current key first, then the previous one during a dual-key grace period. */
  readonly keys: readonly VerificationKey[];
  readonly issuer?: string;
  /** Any of these `aud` values is accepted (`JWT_AUDIENCE` is a comma list). */
  readonly audience?: readonly string[];
}

/**
 * Reads and parses the JWT settings of a container environment. `JWT_PUBLIC_KEY` wins over
 * `JWT_SECRET` when both are set. Algorithms default by key type, limited to what the app's
 * library supports (`supported`).
 * @throws AppConfigError when no key is set, a key does not parse, or no usable algorithm remains.
 */
export function readJwtAppConfig(
  image: string,
  env: Readonly<Record<string, string>>,
  supported: readonly string[],
): JwtAppConfig {
  const currentVariable = env[JwtAppEnv.publicKey] ? JwtAppEnv.publicKey : JwtAppEnv.secret;
  const current = env[currentVariable];
  if (!current) {
    throw new AppConfigError(image, `neither ${JwtAppEnv.secret} nor ${JwtAppEnv.publicKey} is set`);
  }
  const explicit = splitList(env[JwtAppEnv.algorithms]);
  const unsupported = explicit.filter((alg) => !supported.includes(alg));
  if (unsupported.length > 0) {
    throw new AppConfigError(
      image,
      `${JwtAppEnv.algorithms} names unsupported algorithms: ${unsupported.join(", ")}`,
    );
  }
  const variables = [currentVariable, ...(env[JwtAppEnv.previousSecret] ? [JwtAppEnv.previousSecret] : [])];
  const keys = variables.map((variable) => {
    const key = parseKeyMaterial(image, variable, env[variable] ?? "");
    const algorithms =
      explicit.length > 0 ? explicit : defaultAlgorithms(key).filter((a) => supported.includes(a));
    if (algorithms.length === 0) {
      throw new AppConfigError(
        image,
        `${variable} holds a ${describeKey(key)} key this app cannot verify with`,
      );
    }
    return { key, algorithms };
  });
  const audience = splitList(env[JwtAppEnv.audience]);
  return {
    image,
    keys,
    ...(env[JwtAppEnv.issuer] ? { issuer: env[JwtAppEnv.issuer] } : {}),
    ...(audience.length > 0 ? { audience } : {}),
  };
}

/** The algorithms a key can verify, as the libraries infer them from its type and curve. */
export function defaultAlgorithms(key: KeyObject): readonly string[] {
  if (key.type === "secret") return ["HS256", "HS384", "HS512"];
  switch (key.asymmetricKeyType) {
    case "rsa":
      return ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"];
    case "rsa-pss":
      return ["PS256", "PS384", "PS512"];
    case "ec":
      return ecAlgorithm(key.asymmetricKeyDetails?.namedCurve);
    case "ed25519":
      return ["EdDSA", "Ed25519"];
    case "ed448":
      return ["EdDSA"];
    default:
      return [];
  }
}

function ecAlgorithm(curve: string | undefined): readonly string[] {
  const byCurve: Readonly<Record<string, string>> = {
    prime256v1: "ES256",
    secp384r1: "ES384",
    secp521r1: "ES512",
  };
  const alg = curve === undefined ? undefined : byCurve[curve];
  return alg === undefined ? [] : [alg];
}

function describeKey(key: KeyObject): string {
  return key.type === "secret" ? "shared-secret" : (key.asymmetricKeyType ?? "unknown");
}

function splitList(value: string | undefined): readonly string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
