import { createHmac, generateKeyPairSync } from "node:crypto";
import { SignJWT } from "jose";

/** Fixed instant the crafted tokens are issued at; tests pass it as `now`. */
export const issuedAt = new Date("2026-05-01T11:05:00Z");
const iat = Math.floor(issuedAt.getTime() / 1000);

/** Claims of a well-formed token: valid for 5 minutes from `issuedAt`. */
export const goodClaims = {
  sub: "svc-orders",
  iss: "https://issuer.example",
  aud: "orders",
  iat,
  exp: iat + 300,
};

/** Secret values used across the CLI tests. They must never appear in CLI output. */
export const secrets = {
  current: "current-shared-secret-0123456789",
  previous: "previous-shared-secret-9876543210",
  pending: "pending-shared-secret-5555555555",
} as const;

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
/** An RSA key pair in PEM; the private PEM is what a key-pair secret stores. */
export const keyPair = {
  privatePem: String(rsa.privateKey.export({ type: "pkcs8", format: "pem" })),
  publicPem: String(rsa.publicKey.export({ type: "spki", format: "pem" })),
  privateKey: rsa.privateKey,
};

/** HS256 token signed with the UTF-8 bytes of `secret`. */
export function hsToken(secret: string, claims: Record<string, unknown> = goodClaims): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(secret));
}

/** RS256 token signed with the fixture's private key. */
export function rsToken(claims: Record<string, unknown> = goodClaims): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "k1" }).sign(keyPair.privateKey);
}

/** An unsigned token (`alg: none`), as an attacker or a broken client sends it. */
export function algNoneToken(claims: Record<string, unknown> = goodClaims): string {
  return `${b64url({ alg: "none" })}.${b64url(claims)}.`;
}

/** HS256 token whose segments are standard, padded base64, signed over those segments as sent. */
export function paddedStandardBase64Token(
  secret: string,
  claims: Record<string, unknown> = goodClaims,
): string {
  const header = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64");
  let note = "padded";
  let payload = "";
  do {
    note += "?";
    payload = Buffer.from(JSON.stringify({ ...claims, note })).toString("base64");
  } while (!payload.endsWith("="));
  const input = `${header}.${payload}`;
  const signature = createHmac("sha256", secret).update(input).digest("base64");
  return `${input}.${signature}`;
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
