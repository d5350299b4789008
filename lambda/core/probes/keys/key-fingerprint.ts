import { createHash } from "node:crypto";

/**
 * The public fingerprint of a signing key: `sha256:` plus the first 16 hex digits of the SHA-256 of
 * the exact key material as stored (the whole SecretString, or the chosen JSON field).
 *
 * Services can log the same value at start-up to compare environments; it never reveals the key.
 * 64 bits keep collisions between the few versions of one secret out of reach.
 */
export function fingerprintKey(keyMaterial: string): string {
  return `sha256:${createHash("sha256").update(keyMaterial, "utf8").digest("hex").slice(0, 16)}`;
}
