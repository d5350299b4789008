import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, randomBytes } from "node:crypto";
import { generateLikeKeyPair } from "./generate-like-key-pair.js";

/** A JSON Web Key as stored in a secret: `kty` plus key members and metadata (`kid`, `alg`, `use`). */
export type Jwk = Record<string, unknown> & { readonly kty: string };

const THUMBPRINT_MEMBERS: Record<string, readonly string[]> = {
  RSA: ["e", "kty", "n"],
  EC: ["crv", "kty", "x", "y"],
  OKP: ["crv", "kty", "x"],
  oct: ["k", "kty"],
};
const KEY_MEMBERS = ["n", "e", "d", "p", "q", "dp", "dq", "qi", "crv", "x", "y", "k"];

/** Whether a JSON value is a JWK. */
export function isJwk(value: unknown): value is Jwk {
  return typeof value === "object" && value !== null && typeof (value as { kty?: unknown }).kty === "string";
}

/** Whether a JWK holds private (or symmetric) material rather than only a public key. */
export function isPrivateJwk(jwk: Jwk): boolean {
  return typeof jwk.d === "string" || typeof jwk.k === "string";
}

/** RFC 7638 thumbprint (SHA-256, base64url): the new key's `kid` when the old one had a kid. */
export function jwkThumbprint(jwk: Jwk): string {
  const members = THUMBPRINT_MEMBERS[jwk.kty] ?? ["kty"];
  const canonical = JSON.stringify(Object.fromEntries(members.map((member) => [member, jwk[member]])));
  return createHash("sha256").update(canonical).digest("base64url");
}

function withMetadata(oldJwk: Jwk, keyMembers: JsonWebKey): Jwk {
  const metadata = Object.fromEntries(
    Object.entries(oldJwk).filter(([member]) => !KEY_MEMBERS.includes(member)),
  );
  const jwk = { ...metadata, ...keyMembers, kty: oldJwk.kty } as Jwk;
  return typeof oldJwk.kid === "string" ? { ...jwk, kid: jwkThumbprint(jwk) } : jwk;
}

/** The public half of a private JWK, with the same metadata (`kid`, `alg`, `use`). */
export function publicJwkOf(privateJwk: Jwk): Jwk {
  if (privateJwk.kty === "oct") return privateJwk;
  const publicMembers = createPublicKey({ key: privateJwk as JsonWebKey, format: "jwk" }).export({
    format: "jwk",
  });
  const metadata = Object.fromEntries(
    Object.entries(privateJwk).filter(([member]) => !KEY_MEMBERS.includes(member)),
  );
  return { ...metadata, ...publicMembers, kty: privateJwk.kty } as Jwk;
}

/**
 * A new private JWK of the same type, curve or size as `jwk`, keeping its metadata; `kid` (when
 * present) becomes the new key's thumbprint so tokens name the right key.
 */
export async function regeneratePrivateJwk(jwk: Jwk): Promise<Jwk> {
  if (jwk.kty === "oct") {
    const length = typeof jwk.k === "string" ? Buffer.from(jwk.k, "base64url").length : 32;
    return withMetadata(jwk, { k: randomBytes(Math.max(length, 32)).toString("base64url") });
  }
  const pair = await generateLikeKeyPair(createPrivateKey({ key: jwk as JsonWebKey, format: "jwk" }));
  return withMetadata(jwk, pair.privateKey.export({ format: "jwk" }));
}
