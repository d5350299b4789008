import { createPublicKey } from "node:crypto";
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, type JWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { fingerprintKey } from "../../../../../lambda/core/probes/keys/key-fingerprint.js";
import { importSigningKey } from "../../../../../lambda/core/probes/keys/signing-key.js";
import { signProbeToken } from "../../../../../lambda/core/probes/probe-token.js";
import { ErrorCode } from "../../../../../lambda/errors.js";
import { jsonwebtoken8, jsonwebtoken9 } from "../../../../support/jwt-servers.js";
import { generateTestKeyPair } from "../../../../support/jwt-test-keys.js";

const now = new Date("2025-06-01T03:15:15Z");
const claims = { issuer: "https://issuer.test", audience: "orders-api" };
const rsa = generateTestKeyPair("rsa");
const p256 = generateTestKeyPair("ec-p256");
const p384 = generateTestKeyPair("ec-p384");
const p521 = generateTestKeyPair("ec-p521");
const ed25519 = generateTestKeyPair("ed25519");

async function signAndVerify(
  secretString: string,
  verifyWith: Parameters<typeof jwtVerify>[1],
  options = {},
) {
  const key = await importSigningKey(secretString, options);
  const token = await signProbeToken(key, claims, now);
  const { payload, protectedHeader } = await jwtVerify(token, verifyWith, { currentDate: now, ...claims });
  return { key, token, payload, protectedHeader };
}

async function expectKeyMaterialError(promise: Promise<unknown>, mustNotContain: readonly string[] = []) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toMatchObject({ code: ErrorCode.keyMaterial, name: "KeyMaterialError" });
  for (const secret of mustNotContain) expect(String((error as Error).message)).not.toContain(secret);
}

describe("importSigningKey with a shared secret", () => {
  const secret = "s3cr3t-signing-key-with-enough-entropy-0123456789";

  it("signs HS256 by default, verifiable by jose and both jsonwebtoken majors", async () => {
    const { key, token, protectedHeader } = await signAndVerify(secret, new TextEncoder().encode(secret));
    expect(key.alg).toBe("HS256");
    expect(key.kid).toBeUndefined();
    expect(protectedHeader).toEqual({ alg: "HS256", typ: "JWT" });
    expect(
      jsonwebtoken9.verify(token, secret, { algorithms: ["HS256"], clockTimestamp: 1748747715 }),
    ).toBeTruthy();
    expect(
      jsonwebtoken8.verify(token, secret, { algorithms: ["HS256"], clockTimestamp: 1748747715 }),
    ).toBeTruthy();
  });

  it("fingerprints the whole SecretString", async () => {
    const key = await importSigningKey(secret);
    expect(key.fingerprint).toBe(fingerprintKey(secret));
  });

  it.each(["HS384", "HS512"])("signs %s when the alg hint asks for it", async (alg) => {
    const { key, token } = await signAndVerify(secret, new TextEncoder().encode(secret), { alg });
    expect(key.alg).toBe(alg);
    expect(
      jsonwebtoken9.verify(token, secret, { algorithms: [alg as "HS384"], clockTimestamp: 1748747715 }),
    ).toBeTruthy();
  });

  it("refuses an asymmetric alg hint for a shared secret", async () => {
    await expectKeyMaterialError(importSigningKey(secret, { alg: "RS256" }), [secret]);
  });

  it("treats a JSON object that is not a key as the shared secret a consumer would read", async () => {
    const document = JSON.stringify({ user: "svc", password: "pw" });
    const key = await importSigningKey(document);
    expect(key.alg).toBe("HS256");
    expect(key.fingerprint).toBe(fingerprintKey(document));
  });

  it("rejects an empty secret", async () => {
    await expectKeyMaterialError(importSigningKey("   "));
  });
});

describe("importSigningKey with a PEM private key", () => {
  it("signs RS256 from PKCS#8 with the RFC 7638 thumbprint as kid", async () => {
    const { key, token, protectedHeader } = await signAndVerify(rsa.pkcs8Pem, rsa.publicKey);
    expect(key.alg).toBe("RS256");
    expect(protectedHeader.kid).toBe(await calculateJwkThumbprint(rsa.publicJwk as JWK));
    expect(
      jsonwebtoken9.verify(token, rsa.publicPem, { algorithms: ["RS256"], clockTimestamp: 1748747715 }),
    ).toBeTruthy();
    expect(
      jsonwebtoken8.verify(token, rsa.publicPem, { algorithms: ["RS256"], clockTimestamp: 1748747715 }),
    ).toBeTruthy();
  });

  it("signs RS256 from PKCS#1 (RSA PRIVATE KEY)", async () => {
    expect(rsa.traditionalPem).toContain("BEGIN RSA PRIVATE KEY");
    const { key } = await signAndVerify(rsa.traditionalPem as string, rsa.publicKey);
    expect(key.alg).toBe("RS256");
  });

  it("signs PS256 from an RSA PEM when the alg hint asks for it", async () => {
    const { key, protectedHeader } = await signAndVerify(rsa.pkcs8Pem, rsa.publicKey, { alg: "PS256" });
    expect(key.alg).toBe("PS256");
    expect(protectedHeader.alg).toBe("PS256");
  });

  it("signs ES256 from a SEC1 (EC PRIVATE KEY) P-256 key, verifiable by jsonwebtoken", async () => {
    expect(p256.traditionalPem).toContain("BEGIN EC PRIVATE KEY");
    const { key, token } = await signAndVerify(p256.traditionalPem as string, p256.publicKey);
    expect(key.alg).toBe("ES256");
    expect(
      jsonwebtoken9.verify(token, p256.publicPem, { algorithms: ["ES256"], clockTimestamp: 1748747715 }),
    ).toBeTruthy();
  });

  it.each([
    ["ES384", p384],
    ["ES512", p521],
  ] as const)("signs %s chosen by the curve of a PKCS#8 key", async (alg, pair) => {
    const { key } = await signAndVerify(pair.pkcs8Pem, pair.publicKey);
    expect(key.alg).toBe(alg);
  });

  it("signs EdDSA from an Ed25519 PKCS#8 key", async () => {
    const { key } = await signAndVerify(ed25519.pkcs8Pem, ed25519.publicKey);
    expect(key.alg).toBe("EdDSA");
  });

  it("reads a PEM stored with literal \\n sequences instead of line breaks", async () => {
    const { key } = await signAndVerify(p256.pkcs8Pem.trim().replaceAll("\n", "\\n"), p256.publicKey);
    expect(key.alg).toBe("ES256");
  });

  it("refuses an alg hint that the key cannot sign with", async () => {
    await expectKeyMaterialError(importSigningKey(p256.pkcs8Pem, { alg: "ES384" }), [p256.pkcs8Pem]);
  });

  it("refuses an encrypted private key", async () => {
    const encrypted = rsa.privateKey
      .export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" })
      .toString();
    await expectKeyMaterialError(importSigningKey(encrypted));
  });
});

describe("importSigningKey with a JWK", () => {
  it("keeps the JWK's kid and alg (PS256)", async () => {
    const jwk = { ...rsa.privateJwk, kid: "orders-2025-06", alg: "PS256" };
    const { key, protectedHeader } = await signAndVerify(JSON.stringify(jwk), rsa.publicKey);
    expect(key.alg).toBe("PS256");
    expect(protectedHeader.kid).toBe("orders-2025-06");
  });

  it("signs ES256 from an EC JWK and sends no kid when the JWK has none", async () => {
    const { key } = await signAndVerify(JSON.stringify(p256.privateJwk), p256.publicKey);
    expect(key).toMatchObject({ alg: "ES256" });
    expect(key.kid).toBeUndefined();
  });

  it("signs with an oct JWK as a shared secret", async () => {
    const bytes = new TextEncoder().encode("an-oct-key-of-reasonable-length-32b");
    const jwk = { kty: "oct", k: Buffer.from(bytes).toString("base64url"), alg: "HS384", kid: "k1" };
    const { key } = await signAndVerify(JSON.stringify(jwk), bytes);
    expect(key).toMatchObject({ alg: "HS384", kid: "k1" });
  });

  it("signs with the private key of a JWK set", async () => {
    const jwks = {
      keys: [
        { ...p256.publicJwk, kid: "pub" },
        { ...p256.privateJwk, kid: "priv" },
      ],
    };
    const { key } = await signAndVerify(JSON.stringify(jwks), p256.publicKey);
    expect(key.kid).toBe("priv");
  });
});

describe("importSigningKey with a JSON secret and a json-key", () => {
  const document = {
    signingKey: "hmac-field-value-that-is-long-enough-0123",
    privateKey: rsa.pkcs8Pem,
    publicKey: rsa.publicPem,
    jwk: { ...ed25519.privateJwk, kid: "ed-1" },
  };
  const secretString = JSON.stringify(document);

  it("signs with the chosen string field and fingerprints that field", async () => {
    const key = await importSigningKey(secretString, { jsonKey: "signingKey" });
    expect(key.alg).toBe("HS256");
    expect(key.fingerprint).toBe(fingerprintKey(document.signingKey));
    const token = await signProbeToken(key, {}, now);
    await jwtVerify(token, new TextEncoder().encode(document.signingKey), { currentDate: now });
  });

  it("signs with a JWK object field and fingerprints its JSON text", async () => {
    const key = await importSigningKey(secretString, { jsonKey: "jwk" });
    expect(key).toMatchObject({
      alg: "EdDSA",
      kid: "ed-1",
      fingerprint: fingerprintKey(JSON.stringify(document.jwk)),
    });
  });

  it("signs with the matching sibling private key when the chosen field is a public key", async () => {
    const key = await importSigningKey(secretString, { jsonKey: "publicKey" });
    expect(key.alg).toBe("RS256");
    expect(key.fingerprint).toBe(fingerprintKey(document.publicKey));
    const token = await signProbeToken(key, {}, now);
    await jwtVerify(token, createPublicKey(document.publicKey), { currentDate: now });
  });

  it("throws KEY_MATERIAL_UNUSABLE for a public key without a matching private key, naming no material", async () => {
    const other = generateTestKeyPair("rsa");
    const lonely = JSON.stringify({ publicKey: rsa.publicPem, privateKey: other.pkcs8Pem });
    await expectKeyMaterialError(importSigningKey(lonely, { jsonKey: "publicKey" }), [
      rsa.publicPem.split("\n")[1] as string,
      other.pkcs8Pem.split("\n")[1] as string,
    ]);
  });

  it("throws KEY_MATERIAL_UNUSABLE for a public-only PEM secret", async () => {
    await expectKeyMaterialError(importSigningKey(p256.publicPem));
  });

  it("throws KEY_MATERIAL_UNUSABLE for a public-only JWK", async () => {
    await expectKeyMaterialError(importSigningKey(JSON.stringify(ed25519.publicJwk)));
  });

  it("throws KEY_MATERIAL_UNUSABLE when the json-key is missing or the secret is not JSON", async () => {
    await expectKeyMaterialError(importSigningKey(secretString, { jsonKey: "absent" }));
    await expectKeyMaterialError(importSigningKey("plain-secret", { jsonKey: "signingKey" }), [
      "plain-secret",
    ]);
  });
});

describe("probe tokens signed by any imported key", () => {
  it("carry iat, exp at most 60 s later, a jti and the default subject", async () => {
    const key = await importSigningKey(p384.pkcs8Pem);
    const token = await signProbeToken(key, {}, now);
    const payload = decodeJwt(token);
    expect(payload.iat).toBe(Math.floor(now.getTime() / 1000));
    expect((payload.exp as number) - (payload.iat as number)).toBeLessThanOrEqual(60);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.sub).toBe("rollout-verifier");
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "ES384", typ: "JWT" });
  });
});
