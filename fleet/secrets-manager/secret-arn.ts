import { createHash } from "node:crypto";
import type { FleetIdentity } from "../contracts.js";
import { secretNotFound } from "./secret-errors.js";
import type { SecretRecord, SecretStore } from "./secret-store.js";

const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** The ARN prefix every secret of this fleet shares: `arn:aws:secretsmanager:<region>:<acct>:secret:`. */
export function secretArnPrefix(identity: FleetIdentity): string {
  return `arn:aws:secretsmanager:${identity.region}:${identity.account}:secret:`;
}

/**
 * A secret's full ARN: name plus `-` and 6 alphanumerics, as Secrets Manager builds it. The suffix is
 * derived from `seed` (a fresh id) so that an injected id source makes ARNs reproducible.
 */
export function buildSecretArn(identity: FleetIdentity, name: string, seed: string): string {
  const digest = createHash("sha256").update(seed).digest();
  const suffix = [...digest.subarray(0, 6)].map((byte) => SUFFIX_ALPHABET[byte % SUFFIX_ALPHABET.length]);
  return `${secretArnPrefix(identity)}${name}-${suffix.join("")}`;
}

/**
 * Finds a secret by `SecretId` the way the service does: an exact full ARN, else a partial ARN
 * (the ARN without the `-XXXXXX` suffix), else a plain name. An ARN of another account or region
 * names nothing on this fleet.
 */
export function findSecret(
  store: SecretStore,
  identity: FleetIdentity,
  secretId: string,
): SecretRecord | undefined {
  if (!secretId.startsWith("arn:")) return store.getByName(secretId);
  const exact = store.getByArn(secretId);
  if (exact) return exact;
  const prefix = secretArnPrefix(identity);
  if (!secretId.startsWith(prefix)) return undefined;
  return store.getByName(secretId.slice(prefix.length));
}

/** `findSecret`, or the service's ResourceNotFoundException. */
export function requireSecret(store: SecretStore, identity: FleetIdentity, secretId: string): SecretRecord {
  const secret = findSecret(store, identity, secretId);
  if (!secret) throw secretNotFound();
  return secret;
}
