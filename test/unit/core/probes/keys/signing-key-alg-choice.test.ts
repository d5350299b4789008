import { describe, expect, it } from "vitest";
import { importSigningKey } from "../../../../../lambda/core/probes/keys/signing-key.js";
import {
  chooseAsymmetricAlgorithm,
  describeKeyType,
} from "../../../../../lambda/core/probes/keys/signing-key-alg.js";
import { ErrorCode } from "../../../../../lambda/errors.js";
import { generateTestKeyPair } from "../../../../support/jwt-test-keys.js";

const rsa = generateTestKeyPair("rsa");
const p256 = generateTestKeyPair("ec-p256");
const ed25519 = generateTestKeyPair("ed25519");

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toMatchObject({ code: ErrorCode.keyMaterial, name: "KeyMaterialError" });
    return (error as Error).message;
  }
  throw new Error("expected a KeyMaterialError");
}

describe("chooseAsymmetricAlgorithm refuses keys the verifier cannot sign with", () => {
  it("refuses an EC key on a curve without a JWS algorithm (secp256k1), naming the curve", () => {
    const jwk = { kty: "EC", crv: "secp256k1" };
    expect(refusal(() => chooseAsymmetricAlgorithm(jwk, undefined, undefined, "the secret"))).toBe(
      "the secret is a EC secp256k1 key, which the verifier cannot sign with",
    );
  });

  it("refuses an X25519 (key-agreement) OKP key even when told EdDSA", () => {
    const jwk = { kty: "OKP", crv: "X25519" };
    expect(refusal(() => chooseAsymmetricAlgorithm(jwk, undefined, undefined, "the secret"))).toBe(
      "the secret is a OKP X25519 key, which the verifier cannot sign with",
    );
    expect(refusal(() => chooseAsymmetricAlgorithm(jwk, undefined, "EdDSA", "the secret"))).toBe(
      "the secret is a OKP X25519 key, which the verifier cannot sign with",
    );
  });

  it("refuses a key type it does not know (an AKP post-quantum JWK)", () => {
    const jwk = { kty: "AKP" };
    expect(refusal(() => chooseAsymmetricAlgorithm(jwk, undefined, undefined, "the secret"))).toBe(
      "the secret is a AKP key, which the verifier cannot sign with",
    );
  });
});

describe("chooseAsymmetricAlgorithm names the key type in its refusal", () => {
  it('says "EC P-256" for a P-256 key asked to sign ES384', () => {
    expect(refusal(() => chooseAsymmetricAlgorithm(p256.publicJwk, "ES384", undefined, "orders"))).toBe(
      "orders is a EC P-256 key, which cannot sign with alg ES384",
    );
  });

  it('says "RSA" (no curve) for an RSA key asked to sign ES256', () => {
    expect(refusal(() => chooseAsymmetricAlgorithm(rsa.publicJwk, undefined, "ES256", "orders"))).toBe(
      "orders is a RSA key, which cannot sign with alg ES256",
    );
  });

  it("describes keys with and without a curve", () => {
    expect(describeKeyType({ kty: "RSA" })).toBe("RSA");
    expect(describeKeyType({ kty: "EC", crv: "P-256" })).toBe("EC P-256");
  });
});

describe("chooseAsymmetricAlgorithm for Ed25519", () => {
  it('signs EdDSA when the JWK or hint says "Ed25519" (the RFC 9864 name)', () => {
    expect(chooseAsymmetricAlgorithm(ed25519.publicJwk, "Ed25519", undefined, "the secret")).toBe("EdDSA");
    expect(chooseAsymmetricAlgorithm(ed25519.publicJwk, undefined, "Ed25519", "the secret")).toBe("EdDSA");
  });
});

describe("importSigningKey with a public key and its private sibling", () => {
  it("takes the alg from the sibling private JWK when the chosen public key has none", async () => {
    const secretString = JSON.stringify({
      publicKey: rsa.publicPem,
      privateKey: { ...rsa.privateJwk, alg: "PS384" },
    });
    const key = await importSigningKey(secretString, { jsonKey: "publicKey" });
    expect(key.alg).toBe("PS384");
  });

  it("takes the alg of the chosen public JWK over the sibling's", async () => {
    const secretString = JSON.stringify({
      publicKey: { ...rsa.publicJwk, alg: "PS512" },
      privateKey: rsa.pkcs8Pem,
    });
    const key = await importSigningKey(secretString, { jsonKey: "publicKey" });
    expect(key.alg).toBe("PS512");
  });
});

describe("importSigningKey without a kid", () => {
  it("leaves kid out of the key entirely (not present as undefined)", async () => {
    const key = await importSigningKey(JSON.stringify(p256.privateJwk));
    expect(Object.keys(key)).not.toContain("kid");
    const shared = await importSigningKey("s3cr3t-signing-key-with-enough-entropy-0123456789");
    expect(Object.keys(shared)).not.toContain("kid");
  });
});
