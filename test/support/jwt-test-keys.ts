import { generateKeyPairSync, type KeyObject } from "node:crypto";

/**
 * Test-only key pairs, generated at test time so that no private key is ever committed. Each
 * carries every encoding a secret may hold it in: PKCS#8, PKCS#1/SEC1 (where one exists), JWK.
 */
export interface TestKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly pkcs8Pem: string;
  /** PKCS#1 for RSA, SEC1 for EC; undefined for Ed25519 (none exists). */
  readonly traditionalPem?: string;
  readonly publicPem: string;
  readonly privateJwk: Record<string, unknown>;
  readonly publicJwk: Record<string, unknown>;
}

export type TestKeyType = "rsa" | "ec-p256" | "ec-p384" | "ec-p521" | "ed25519";

/** Generates one key pair of the given type (RSA is 2048 bits: jsonwebtoken 9 refuses less). */
export function generateTestKeyPair(type: TestKeyType): TestKeyPair {
  const { privateKey, publicKey } = generate(type);
  const traditionalType = type === "rsa" ? "pkcs1" : type.startsWith("ec-") ? "sec1" : undefined;
  return {
    privateKey,
    publicKey,
    pkcs8Pem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    traditionalPem:
      traditionalType === undefined
        ? undefined
        : privateKey.export({ type: traditionalType, format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateJwk: privateKey.export({ format: "jwk" }) as Record<string, unknown>,
    publicJwk: publicKey.export({ format: "jwk" }) as Record<string, unknown>,
  };
}

function generate(type: TestKeyType): { privateKey: KeyObject; publicKey: KeyObject } {
  switch (type) {
    case "rsa":
      return generateKeyPairSync("rsa", { modulusLength: 2048 });
    case "ec-p256":
      return generateKeyPairSync("ec", { namedCurve: "P-256" });
    case "ec-p384":
      return generateKeyPairSync("ec", { namedCurve: "P-384" });
    case "ec-p521":
      return generateKeyPairSync("ec", { namedCurve: "P-521" });
    case "ed25519":
      return generateKeyPairSync("ed25519");
  }
}
