import { createSecretKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { type JWTPayload, SignJWT } from "jose";
import { type RunningApp, startSampleApp } from "../../../../fleet/apps/start-sample-app.js";

/** Key pairs for every family the apps verify, generated once per test file. */
export interface TestKeys {
  readonly rsa: { readonly privateKey: KeyObject; readonly publicKey: KeyObject };
  readonly otherRsa: { readonly privateKey: KeyObject; readonly publicKey: KeyObject };
  readonly ec: { readonly privateKey: KeyObject; readonly publicKey: KeyObject };
  readonly ed25519: { readonly privateKey: KeyObject; readonly publicKey: KeyObject };
}

/** Fresh RSA-2048, P-256 and Ed25519 pairs. */
export function generateTestKeys(): TestKeys {
  return {
    rsa: generateKeyPairSync("rsa", { modulusLength: 2048 }),
    otherRsa: generateKeyPairSync("rsa", { modulusLength: 2048 }),
    ec: generateKeyPairSync("ec", { namedCurve: "P-256" }),
    ed25519: generateKeyPairSync("ed25519"),
  };
}

/** A shared secret as the HS apps read it from `JWT_SECRET`. */
export function hmacKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, "utf8"));
}

/** A token signed with jose, valid for a minute unless the claims override `exp`. */
export function signToken(key: KeyObject, alg: string, claims: JWTPayload = {}): Promise<string> {
  return new SignJWT({ sub: "probe", ...claims })
    .setProtectedHeader({ alg })
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? "1m")
    .sign(key);
}

/** An unsigned `alg: none` token (the negative probe). */
export function unsignedToken(claims: JWTPayload = { sub: "probe" }): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ alg: "none", typ: "JWT" })}.${encode(claims)}.`;
}

/** `GET <url>/api/whoami` with the token (or without any Authorization header). */
export async function callApi(url: string, token?: string): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  const response = await fetch(`${url}/api/whoami`, { headers });
  return { status: response.status, body: await response.json() };
}

/** Starts an app on 127.0.0.1 with a free port, and remembers it for `closeAll`. */
export function createAppStarter(): {
  start: (image: string, env: Readonly<Record<string, string>>) => Promise<RunningApp>;
  closeAll: () => Promise<void>;
} {
  const running: RunningApp[] = [];
  return {
    start: async (image, env) => {
      const app = await startSampleApp({ image, env, host: "127.0.0.1", port: 0 });
      running.push(app);
      return app;
    },
    closeAll: async () => {
      await Promise.all(running.splice(0).map((app) => app.close()));
    },
  };
}

/** PEM text of a key, as a container would receive it. */
export function pem(key: KeyObject): string {
  return key.type === "private"
    ? String(key.export({ format: "pem", type: "pkcs8" }))
    : String(key.export({ format: "pem", type: "spki" }));
}

/** JWK JSON text of a key. */
export function jwkText(key: KeyObject): string {
  return JSON.stringify(key.export({ format: "jwk" }));
}
