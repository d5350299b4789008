import * as jose from "jose";
import { decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it, vi } from "vitest";
import { importSigningKey } from "../../../../lambda/core/probes/keys/signing-key.js";
import {
  signAlgNoneToken,
  signProbeToken,
  signWrongKeyToken,
} from "../../../../lambda/core/probes/probe-token.js";
import { jsonwebtoken8, jsonwebtoken9 } from "../../../support/jwt-servers.js";
import { generateTestKeyPair } from "../../../support/jwt-test-keys.js";

vi.mock("jose", async (importOriginal) => {
  const original = await importOriginal<typeof import("jose")>();
  return { ...original, generateKeyPair: vi.fn(original.generateKeyPair) };
});

const now = new Date("2025-06-01T03:15:15Z");
const clockTimestamp = Math.floor(now.getTime() / 1000);
const secret = "probe-token-test-secret-0123456789abcdef";
const rsa = generateTestKeyPair("rsa");

describe("signProbeToken", () => {
  it("sets iss, aud and sub when the service asks for them", async () => {
    const key = await importSigningKey(secret);
    const token = await signProbeToken(key, { issuer: "iss-x", audience: "aud-y", subject: "probe" }, now);
    expect(decodeJwt(token)).toMatchObject({
      iss: "iss-x",
      aud: "aud-y",
      sub: "probe",
      exp: clockTimestamp + 60,
    });
  });

  it("gives every token its own jti", async () => {
    const key = await importSigningKey(secret);
    const [a, b] = await Promise.all([signProbeToken(key, {}, now), signProbeToken(key, {}, now)]);
    expect(decodeJwt(a as string).jti).not.toBe(decodeJwt(b as string).jti);
  });

  it("is rejected by a verifier once its minute is over", async () => {
    const key = await importSigningKey(secret);
    const token = await signProbeToken(key, {}, now);
    const later = new Date(now.getTime() + 61_000);
    await expect(jwtVerify(token, key.key, { currentDate: later })).rejects.toMatchObject({
      code: "ERR_JWT_EXPIRED",
    });
  });
});

describe("signAlgNoneToken", () => {
  it("builds an unsecured JWT with an empty signature that pinned verifiers reject", async () => {
    const token = signAlgNoneToken({ audience: "aud" }, now);
    expect(token.endsWith(".")).toBe(true);
    expect(token.split(".")).toHaveLength(3);
    expect(decodeProtectedHeader(token)).toEqual({ alg: "none", typ: "JWT" });
    expect(decodeJwt(token)).toMatchObject({ aud: "aud", sub: "rollout-verifier", exp: clockTimestamp + 60 });
    expect(() => jsonwebtoken9.verify(token, secret, { algorithms: ["HS256"], clockTimestamp })).toThrow();
    expect(() => jsonwebtoken8.verify(token, secret, { algorithms: ["HS256"], clockTimestamp })).toThrow();
  });
});

describe("signWrongKeyToken", () => {
  it("keeps the real alg and kid but fails signature verification (RSA)", async () => {
    const key = await importSigningKey(rsa.pkcs8Pem);
    const token = await signWrongKeyToken(key, {}, now);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "RS256", kid: key.kid });
    await expect(jwtVerify(token, rsa.publicKey, { currentDate: now })).rejects.toMatchObject({
      code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    });
  });

  it("fails signature verification for a shared secret too", async () => {
    const key = await importSigningKey(secret, { alg: "HS512" });
    const token = await signWrongKeyToken(key, {}, now);
    expect(decodeProtectedHeader(token).alg).toBe("HS512");
    expect(() => jsonwebtoken9.verify(token, secret, { algorithms: ["HS512"], clockTimestamp })).toThrow(
      /invalid signature/,
    );
  });

  it("generates the wrong key pair once per signing key, not once per token", async () => {
    const generate = vi.mocked(jose.generateKeyPair);
    const pair = generateTestKeyPair("ec-p256");
    const key = await importSigningKey(pair.pkcs8Pem);
    const before = generate.mock.calls.length;
    await Promise.all([1, 2, 3].map(() => signWrongKeyToken(key, {}, now)));
    expect(generate.mock.calls.length - before).toBe(1);
    await signWrongKeyToken(await importSigningKey(pair.pkcs8Pem), {}, now);
    expect(generate.mock.calls.length - before).toBe(2);
  });

  it.each(["ec-p256", "ed25519"] as const)("generates a fresh %s key of the same family", async (type) => {
    const pair = generateTestKeyPair(type);
    const key = await importSigningKey(pair.pkcs8Pem);
    const token = await signWrongKeyToken(key, {}, now);
    expect(decodeProtectedHeader(token).alg).toBe(key.alg);
    await expect(jwtVerify(token, pair.publicKey, { currentDate: now })).rejects.toMatchObject({
      code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    });
  });
});
