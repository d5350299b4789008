import { createHash, createPrivateKey, createSecretKey, type KeyObject } from "node:crypto";
import type { RequestListener } from "node:http";
import { type JWK, SignJWT } from "jose";
import { AppConfigError } from "./app-errors.js";
import { HEALTH_BODY, pathOf, sendJson } from "./send-json.js";

/** The container environment the issuer reads, once, at start-up. */
export const IssuerAppEnv = {
  /** The signing key as ECS injects it: an HMAC secret, or a private key (PEM, JWK, or a JSON pair's `privateKey`). */
  secret: "JWT_SECRET",
  /** A key set in the plain environment that wins over `JWT_SECRET`: the "hard-coded key left behind" mistake. */
  signingSecret: "JWT_SIGNING_SECRET",
  issuer: "JWT_ISSUER",
  audience: "JWT_AUDIENCE",
} as const;

/** The paths the issuer serves. */
export const IssuerPaths = { jwks: "/.well-known/jwks.json", token: "/token" } as const;

interface SigningSetup {
  readonly key: KeyObject;
  readonly alg: string;
  readonly kid: string;
  readonly jwks: { keys: JWK[] } | undefined;
}

/**
 * `sample/jwt-issuer:jose`: an auth service that signs tokens with jose. `GET /.well-known/jwks.json`
 * publishes its public key (404 for an HMAC key: a shared secret is never published); `POST /token`
 * (or GET) answers `{"access_token": <jwt>, "token_type": "Bearer", "expires_in": 300}` for any
 * caller (a sample: its test principal is everyone); `/health` is open. It reads its key once, at
 * start, like every sample app, so a task started before a rotation keeps signing with the old key.
 * Nothing is logged.
 * @throws AppConfigError when no key is set or the key does not parse (no material in the message).
 */
export function createJwtIssuerApp(image: string, env: Readonly<Record<string, string>>): RequestListener {
  const setup = readSigningSetup(image, env);
  const issuer = env[IssuerAppEnv.issuer];
  const audience = env[IssuerAppEnv.audience];
  return (req, res) => {
    req.resume();
    const path = pathOf(req.url);
    if (path === "/health") return sendJson(res, 200, HEALTH_BODY);
    if (path === IssuerPaths.jwks) {
      if (!setup.jwks)
        return sendJson(res, 404, { error: "no public keys: this issuer signs with a shared secret" });
      return sendJson(res, 200, setup.jwks);
    }
    if (path === IssuerPaths.token && (req.method === "POST" || req.method === "GET")) {
      void new SignJWT({ scope: "test" })
        .setProtectedHeader({ alg: setup.alg, kid: setup.kid, typ: "JWT" })
        .setSubject("rollout-verifier-test")
        .setIssuedAt()
        .setExpirationTime("5m")
        .setIssuer(issuer ?? "sample-issuer")
        .setAudience(audience ?? "sample")
        .sign(setup.key)
        .then((token) => sendJson(res, 200, { access_token: token, token_type: "Bearer", expires_in: 300 }))
        .catch(() => sendJson(res, 500, { error: "signing failed" }));
      return;
    }
    sendJson(res, 404, { error: "not found" });
  };
}

function readSigningSetup(image: string, env: Readonly<Record<string, string>>): SigningSetup {
  const variable = env[IssuerAppEnv.signingSecret] ? IssuerAppEnv.signingSecret : IssuerAppEnv.secret;
  const value = env[variable]?.trim();
  if (!value)
    throw new AppConfigError(
      image,
      `neither ${IssuerAppEnv.secret} nor ${IssuerAppEnv.signingSecret} is set`,
    );
  const privateKey = parsePrivateKey(image, variable, value);
  if (!privateKey) {
    const key = createSecretKey(Buffer.from(env[variable] ?? "", "utf8"));
    return { key, alg: "HS256", kid: shortHash(env[variable] ?? ""), jwks: undefined };
  }
  const alg = algorithmOf(image, variable, privateKey);
  const publicJwk = publicJwkOf(privateKey);
  const kid = shortHash(JSON.stringify(publicJwk));
  return { key: privateKey, alg, kid, jwks: { keys: [{ ...publicJwk, kid, alg, use: "sig" }] } };
}

/** A private key in PEM, a private JWK, or a JSON document's `privateKey` field; undefined for an HMAC secret. */
function parsePrivateKey(image: string, variable: string, value: string): KeyObject | undefined {
  try {
    if (value.startsWith("-----BEGIN")) return createPrivateKey(value.replaceAll("\\n", "\n"));
    if (!value.startsWith("{")) return undefined;
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const record = parsed as Record<string, unknown>;
    if (typeof record.kty === "string" && typeof record.d === "string")
      return createPrivateKey({ key: record as never, format: "jwk" });
    if (typeof record.privateKey === "string") return createPrivateKey(record.privateKey);
    return undefined;
  } catch (cause) {
    if (cause instanceof SyntaxError) return undefined;
    throw new AppConfigError(image, `${variable} holds a private key that does not parse`, { cause });
  }
}

function algorithmOf(image: string, variable: string, key: KeyObject): string {
  if (key.asymmetricKeyType === "rsa") return "RS256";
  if (key.asymmetricKeyType === "ed25519") return "EdDSA";
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve === "prime256v1") return "ES256";
  if (curve === "secp384r1") return "ES384";
  throw new AppConfigError(image, `${variable} holds a key this issuer cannot sign with`);
}

function publicJwkOf(key: KeyObject): JWK {
  const jwk = key.export({ format: "jwk" }) as JWK;
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicMembers } = jwk;
  return publicMembers;
}

function shortHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 12);
}
