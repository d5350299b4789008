/**
 * The key family a JWS `alg` needs. Most "invalid signature" storms after a rotation that are not
 * stale tasks are a family mix-up: an HMAC token checked against a key pair, or the reverse.
 */
export const AlgorithmFamily = {
  None: "none",
  Hmac: "hmac",
  Asymmetric: "asymmetric",
  Unknown: "unknown",
} as const;
export type AlgorithmFamily = (typeof AlgorithmFamily)[keyof typeof AlgorithmFamily];

/** Classifies a header `alg` value (case-sensitive, as RFC 7518 registers them). */
export function algorithmFamily(alg: unknown): AlgorithmFamily {
  if (typeof alg !== "string") return AlgorithmFamily.Unknown;
  if (alg.toLowerCase() === "none") return AlgorithmFamily.None;
  if (/^HS(256|384|512)$/.test(alg)) return AlgorithmFamily.Hmac;
  if (/^(RS|PS|ES)(256|384|512)$/.test(alg) || alg === "EdDSA" || alg === "Ed25519" || alg === "ES256K") {
    return AlgorithmFamily.Asymmetric;
  }
  return AlgorithmFamily.Unknown;
}
