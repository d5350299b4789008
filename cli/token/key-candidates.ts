import { createPublicKey, createSecretKey, type KeyObject } from "node:crypto";
import { looksLikePem, normalisePem } from "./normalise-pem.js";

/** How a version's key material was turned into a verification key; each form is a known failure mode. */
export const CandidateForm = {
  SharedSecret: "shared-secret",
  SharedSecretBase64Decoded: "shared-secret-base64-decoded",
  KeyPair: "key-pair",
  NormalisedPem: "normalised-pem",
  PemTextAsHmacSecret: "pem-text-as-hmac-secret",
  PublicPemAsHmacSecret: "public-pem-as-hmac-secret",
  Jwk: "jwk",
} as const;
export type CandidateForm = (typeof CandidateForm)[keyof typeof CandidateForm];

/** One way a verifier (or a misconfigured issuer) could have used the key material. */
export interface KeyCandidate {
  readonly form: CandidateForm;
  readonly family: "hmac" | "asymmetric";
  /** Never printed. */
  readonly key: KeyObject;
}

/** What one string of key material holds, before any candidate is tried. */
export type MaterialKind = "shared-secret" | "key-pair" | "public-key" | "jwk" | "unusable-pem";

/**
 * Every plausible verification key for one string of key material (a SecretString or one JSON
 * field): the intended use first, then the mistakes seen in the wild.
 */
export function keyCandidates(material: string): { kind: MaterialKind; candidates: KeyCandidate[] } {
  const jwk = parseJwk(material);
  if (jwk !== null) return { kind: "jwk", candidates: jwkCandidates(jwk) };
  if (!looksLikePem(material)) return { kind: "shared-secret", candidates: sharedSecretCandidates(material) };
  const normalised = normalisePem(material);
  const asStored = tryPublicKey(material);
  const repaired = asStored === null && normalised !== null ? tryPublicKey(normalised) : null;
  const publicKey = asStored ?? repaired;
  const candidates: KeyCandidate[] = [];
  if (asStored !== null)
    candidates.push({ form: CandidateForm.KeyPair, family: "asymmetric", key: asStored });
  if (repaired !== null)
    candidates.push({ form: CandidateForm.NormalisedPem, family: "asymmetric", key: repaired });
  candidates.push(...pemAsHmacCandidates(material, normalised, publicKey));
  const kind: MaterialKind =
    publicKey === null ? "unusable-pem" : material.includes("PRIVATE KEY") ? "key-pair" : "public-key";
  return { kind, candidates };
}

function sharedSecretCandidates(material: string): KeyCandidate[] {
  if (material === "") return [];
  const candidates = [hmac(CandidateForm.SharedSecret, Buffer.from(material, "utf8"))];
  const decoded = Buffer.from(material, "base64");
  if (material.length >= 16 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(material) && decoded.length > 0) {
    candidates.push(hmac(CandidateForm.SharedSecretBase64Decoded, decoded));
  }
  return candidates;
}

function pemAsHmacCandidates(material: string, normalised: string | null, publicKey: KeyObject | null) {
  const texts = new Set([material, material.trim(), normalised ?? material]);
  const candidates = [...texts].map((text) =>
    hmac(CandidateForm.PemTextAsHmacSecret, Buffer.from(text, "utf8")),
  );
  if (publicKey !== null) {
    const spki = String(publicKey.export({ type: "spki", format: "pem" }));
    for (const text of new Set([spki, spki.trim()])) {
      candidates.push(hmac(CandidateForm.PublicPemAsHmacSecret, Buffer.from(text, "utf8")));
    }
  }
  return candidates;
}

function jwkCandidates(jwk: Record<string, unknown>): KeyCandidate[] {
  try {
    if (jwk.kty === "oct" && typeof jwk.k === "string") {
      return [hmac(CandidateForm.Jwk, Buffer.from(jwk.k, "base64url"))];
    }
    const key = createPublicKey({ key: jwk as never, format: "jwk" });
    return [{ form: CandidateForm.Jwk, family: "asymmetric", key }];
  } catch {
    return [];
  }
}

function parseJwk(material: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(material);
    return typeof value === "object" && value !== null && "kty" in value
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function tryPublicKey(pem: string): KeyObject | null {
  try {
    return createPublicKey(pem);
  } catch {
    return null;
  }
}

function hmac(form: CandidateForm, bytes: Buffer): KeyCandidate {
  return { form, family: "hmac", key: createSecretKey(bytes) };
}
