import { constants, createHmac, type KeyObject, timingSafeEqual, verify } from "node:crypto";
import { compactVerify } from "jose";
import { AlgorithmFamily, algorithmFamily } from "./algorithm-family.js";
import type { DecodedToken } from "./decode-token.js";
import type { KeyCandidate } from "./key-candidates.js";

/** Which bytes the signature turned out to cover. */
export type SignedOver = "canonical" | "as-sent";

/**
 * Checks the token's signature with one candidate key. The canonical (base64url) token goes through
 * jose, as a strict verifier would. When the token as sent was not base64url, its raw signing input
 * is checked too (node:crypto, same algorithms): an issuer that signs its own non-standard encoding
 * is a distinct root cause from a wrong key. Returns null when the signature does not match.
 */
export async function verifySignature(
  token: DecodedToken,
  candidate: KeyCandidate,
): Promise<SignedOver | null> {
  const alg = token.header.alg;
  const family = algorithmFamily(alg);
  if (typeof alg !== "string" || family === AlgorithmFamily.None || family === AlgorithmFamily.Unknown)
    return null;
  if ((family === AlgorithmFamily.Hmac) !== (candidate.family === "hmac")) return null;
  if (await joseAccepts(token.canonical, candidate.key)) return "canonical";
  if (
    token.encodingIssues.length > 0 &&
    rawAccepts(alg, candidate.key, token.signingInput, token.signature)
  ) {
    return "as-sent";
  }
  return null;
}

async function joseAccepts(compact: string, key: KeyObject): Promise<boolean> {
  try {
    await compactVerify(compact, key);
    return true;
  } catch {
    return false;
  }
}

function rawAccepts(alg: string, key: KeyObject, signingInput: string, signature: Uint8Array): boolean {
  const data = Buffer.from(signingInput, "ascii");
  const digest = `sha${alg.slice(-3)}`;
  try {
    if (alg.startsWith("HS")) {
      const expected = createHmac(digest, key).update(data).digest();
      return expected.length === signature.length && timingSafeEqual(expected, signature);
    }
    if (alg === "EdDSA" || alg === "Ed25519") return verify(null, data, key, signature);
    if (alg.startsWith("PS")) {
      const saltLength = Number(alg.slice(-3)) / 8;
      return verify(digest, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, signature);
    }
    if (alg.startsWith("ES")) return verify(digest, data, { key, dsaEncoding: "ieee-p1363" }, signature);
    return verify(digest, data, key, signature);
  } catch {
    return false;
  }
}
