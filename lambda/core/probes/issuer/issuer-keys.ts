import { createPublicKey, type KeyObject } from "node:crypto";
import { calculateJwkThumbprint, type JWK } from "jose";
import { KeyMaterialError } from "../../../errors.js";
import { fingerprintKey } from "../keys/key-fingerprint.js";
import {
  isRecord,
  type ParsedKeyMaterial,
  parseKeyMaterial,
  tryParseJson,
} from "../keys/signing-key-material.js";
import { pickMaterial } from "../keys/signing-key-pick.js";

/**
 * What an issuer of one version's key must publish or sign with: the key that verifies its tokens
 * (the public half of a private key, the public key itself, or the shared secret), and for an
 * asymmetric key its RFC 7638 thumbprint, which matches a JWKS entry whatever its `kid`. Never
 * logged: only `fingerprint` (of the material as stored, like the report's `keyFingerprint`) is.
 */
export interface IssuerKey {
  readonly kind: "shared" | "asymmetric";
  readonly verifyKey: KeyObject | Uint8Array;
  /** Asymmetric only. */
  readonly thumbprint?: string;
  readonly fingerprint: string;
}

/**
 * The issuer key of one version's SecretString, read like the probe's signing key (the `jsonKey`
 * field, else the whole value). A JSON document that is neither a JWK nor names a field is searched
 * for its key-pair fields (`privateKey`/`publicKey`): an issuer reads one of them. Returns the
 * error, never throws it, and no message holds material.
 */
export async function issuerKeyOf(
  secretString: string,
  jsonKey: string | undefined,
): Promise<IssuerKey | KeyMaterialError> {
  try {
    const picked = pickMaterial(secretString, jsonKey, "the secret");
    // The key-pair fields first: the document's text holds their PEM labels, and read whole as
    // one PEM it would not parse.
    const parsed =
      (jsonKey === undefined ? asymmetricField(secretString) : undefined) ??
      parseKeyMaterial(picked.value, picked.where);
    const fingerprint = fingerprintKey(picked.material);
    if (parsed.kind === "shared") return { kind: "shared", verifyKey: parsed.bytes, fingerprint };
    const thumbprint = await calculateJwkThumbprint(parsed.publicJwk as JWK, "sha256");
    const verifyKey = createPublicKey({ key: parsed.publicJwk, format: "jwk" });
    return { kind: "asymmetric", verifyKey, thumbprint, fingerprint };
  } catch (error) {
    if (error instanceof KeyMaterialError) return error;
    return new KeyMaterialError("the secret's key material cannot verify an issuer's keys");
  }
}

/**
 * The first field of a JSON document that holds an asymmetric key (a private one first). A JWK or
 * a JWK set is read as a whole (`pickMaterial`), never searched field by field.
 */
function asymmetricField(secretString: string): ParsedKeyMaterial | undefined {
  const document = tryParseJson(secretString);
  if (!isRecord(document) || typeof document.kty === "string" || Array.isArray(document.keys))
    return undefined;
  const parsed = Object.values(document).flatMap((value) => {
    try {
      const material = parseKeyMaterial(value, "a field");
      return material.kind === "shared" ? [] : [material];
    } catch {
      return [];
    }
  });
  return parsed.find((material) => material.kind === "private") ?? parsed[0];
}

/** The `sha256:` + 16 hex fingerprint of an asymmetric key's thumbprint: safe to report. */
export function thumbprintFingerprint(thumbprint: string): string {
  return fingerprintKey(thumbprint);
}
