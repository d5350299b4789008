import type { JsonWebKey } from "node:crypto";
import { KeyMaterialError } from "../../../errors.js";

const HMAC_ALGS = ["HS256", "HS384", "HS512"] as const;
const RSA_ALGS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"] as const;
const EC_ALG_BY_CURVE: Readonly<Record<string, string>> = {
  "P-256": "ES256",
  "P-384": "ES384",
  "P-521": "ES512",
};
const OKP_ALGS = ["EdDSA", "Ed25519"] as const;

/**
 * The JWS algorithm for a shared secret: the JWK's own `alg`, else the configured hint, else HS256
 * (the common default of jsonwebtoken and jose users). A non-HMAC hint is a configuration mistake.
 */
export function chooseHmacAlgorithm(
  keyAlg: string | undefined,
  hint: string | undefined,
  where: string,
): string {
  const alg = keyAlg ?? hint ?? "HS256";
  if (!(HMAC_ALGS as readonly string[]).includes(alg))
    throw new KeyMaterialError(
      `${where} is a shared secret, which cannot sign with alg ${alg} (HS256/384/512 only)`,
    );
  return alg;
}

/**
 * The JWS algorithm for an asymmetric key, fixed by the key where the key decides (EC curve,
 * Ed25519) and by the JWK's `alg` or the hint for RSA (RS256 unless told PS*).
 */
export function chooseAsymmetricAlgorithm(
  publicJwk: JsonWebKey,
  keyAlg: string | undefined,
  hint: string | undefined,
  where: string,
): string {
  const wanted = keyAlg ?? hint;
  const fitting = fittingAlgorithms(publicJwk);
  if (fitting.length === 0)
    throw new KeyMaterialError(
      `${where} is a ${describeKeyType(publicJwk)} key, which the verifier cannot sign with`,
    );
  if (wanted === undefined) return fitting[0] as string;
  if (!fitting.includes(wanted))
    throw new KeyMaterialError(
      `${where} is a ${describeKeyType(publicJwk)} key, which cannot sign with alg ${wanted}`,
    );
  return wanted === "Ed25519" ? "EdDSA" : wanted;
}

function fittingAlgorithms(jwk: JsonWebKey): readonly string[] {
  switch (jwk.kty) {
    case "RSA":
      return RSA_ALGS;
    case "EC": {
      const alg = EC_ALG_BY_CURVE[jwk.crv ?? ""];
      return alg === undefined ? [] : [alg];
    }
    case "OKP":
      return jwk.crv === "Ed25519" ? OKP_ALGS : [];
    default:
      return [];
  }
}

/** `RSA`, `EC P-256`, `OKP Ed25519`: safe to show, names no material. */
export function describeKeyType(jwk: JsonWebKey): string {
  return jwk.crv === undefined ? String(jwk.kty) : `${String(jwk.kty)} ${jwk.crv}`;
}
