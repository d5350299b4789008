import { type CryptoKey, calculateJwkThumbprint, importJWK, type JWK } from "jose";
import { KeyMaterialError } from "../../../errors.js";
import { fingerprintKey } from "./key-fingerprint.js";
import { chooseAsymmetricAlgorithm, chooseHmacAlgorithm, describeKeyType } from "./signing-key-alg.js";
import { type ParsedKeyMaterial, parseKeyMaterial } from "./signing-key-material.js";
import { type PickedMaterial, pickMaterial } from "./signing-key-pick.js";

/**
 * A key ready to sign probe tokens. `key` never leaves the process and is never logged;
 * `fingerprint` is what reports carry to say which key signed.
 */
export interface SigningKey {
  /** JWS algorithm: HS256/384/512, RS*, PS*, ES256/384/512 or EdDSA. */
  readonly alg: string;
  readonly key: CryptoKey | Uint8Array;
  /** The JWK's own `kid`, or the RFC 7638 thumbprint of a PEM key's public part. */
  readonly kid?: string;
  /** `fingerprintKey` of the material the consumer holds: the SecretString, or the chosen JSON field. */
  readonly fingerprint: string;
}

export interface ImportSigningKeyOptions {
  /** The JSON key a task definition's `valueFrom` names (`...:json-key::`). @default the whole SecretString */
  readonly jsonKey?: string;
  /** Algorithm hint: HS384/HS512 for a shared secret, PS* for an RSA key. @default HS256 / RS256 / by curve */
  readonly alg?: string;
  /** Names the secret in error messages (an ARN or name, never material). @default "the secret" */
  readonly source?: string;
}

/**
 * Turns AWSCURRENT's SecretString into a signing key the way a consumer would read it: a plain
 * string is an HMAC secret; PEM (PKCS#8, PKCS#1, SEC1) or a private JWK is an asymmetric key.
 * A public key cannot sign: a matching private key elsewhere in the same JSON document is used,
 * otherwise `KeyMaterialError`. No message ever contains key material.
 */
export async function importSigningKey(
  secretString: string,
  options: ImportSigningKeyOptions = {},
): Promise<SigningKey> {
  const picked = pickMaterial(secretString, options.jsonKey, options.source ?? "the secret");
  const fingerprint = fingerprintKey(picked.material);
  const parsed = parseKeyMaterial(picked.value, picked.where);
  if (parsed.kind === "shared") {
    const alg = chooseHmacAlgorithm(parsed.alg, options.alg, picked.where);
    return withKid({ alg, key: parsed.bytes, fingerprint }, parsed.kid);
  }
  const signer = parsed.kind === "private" ? parsed : await findMatchingPrivateKey(parsed, picked);
  const keyAlg = parsed.hints.alg ?? signer.hints.alg;
  const alg = chooseAsymmetricAlgorithm(signer.publicJwk, keyAlg, options.alg, picked.where);
  // Only an "oct" JWK imports as bytes, and that is a shared secret: here the key is a CryptoKey.
  const key = await importJWK(signer.jwk as JWK, alg);
  const thumbprint = await calculateJwkThumbprint(signer.publicJwk as JWK, "sha256");
  const kid = parsed.hints.kid ?? signer.hints.kid ?? (parsed.hints.fromPem ? thumbprint : undefined);
  return withKid({ alg, key, fingerprint }, kid);
}

type PrivateMaterial = Extract<ParsedKeyMaterial, { kind: "private" }>;
type PublicMaterial = Extract<ParsedKeyMaterial, { kind: "public" }>;

/** A JSON secret may hold both halves (`publicKey` + `privateKey`): sign with the half that matches. */
async function findMatchingPrivateKey(
  target: PublicMaterial,
  picked: PickedMaterial,
): Promise<PrivateMaterial> {
  const wanted = await calculateJwkThumbprint(target.publicJwk as JWK, "sha256");
  for (const sibling of picked.siblings) {
    const candidate = tryParse(sibling);
    if (candidate?.kind !== "private") continue;
    if ((await calculateJwkThumbprint(candidate.publicJwk as JWK, "sha256")) === wanted) return candidate;
  }
  throw new KeyMaterialError(
    `${picked.where} holds a public ${describeKeyType(target.publicJwk)} key only, and no other field of the secret ` +
      "holds the matching private key: the verifier cannot sign a probe token",
  );
}

function tryParse(value: unknown): ParsedKeyMaterial | undefined {
  try {
    return parseKeyMaterial(value, "sibling");
  } catch {
    return undefined;
  }
}

function withKid(key: Omit<SigningKey, "kid">, kid: string | undefined): SigningKey {
  return kid === undefined ? key : { ...key, kid };
}
