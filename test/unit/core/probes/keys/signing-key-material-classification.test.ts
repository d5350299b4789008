import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isRecord, parseKeyMaterial } from "../../../../../lambda/core/probes/keys/signing-key-material.js";
import { pickMaterial } from "../../../../../lambda/core/probes/keys/signing-key-pick.js";
import { ErrorCode } from "../../../../../lambda/errors.js";

const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
const pkcs8Pem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const privateJwk = pair.privateKey.export({ format: "jwk" });
const publicJwk = pair.publicKey.export({ format: "jwk" });

function errorOf(run: () => unknown): Error & { code?: string } {
  try {
    run();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error("expected a throw");
}

describe("parseKeyMaterial classification", () => {
  it("reads a PKCS#8 PEM (a two-word label) as a private key", () => {
    expect(parseKeyMaterial(pkcs8Pem, "w").kind).toBe("private");
  });

  it("reads a self-signed certificate as its public key", () => {
    // A P-256 certificate made once with openssl; its key pair was thrown away. x and y were read from
    // that private key, not from the certificate, so the check does not trust the code it tests.
    const certificate = readFileSync("test/fixtures/keys/self-signed-p256.cert.pem", "utf8");
    expect(parseKeyMaterial(certificate, "w")).toMatchObject({
      kind: "public",
      publicJwk: {
        kty: "EC",
        crv: "P-256",
        x: "DxAIgYPHxBpDg2W4XZhW8W6qN34PgZm8WzMKdXVXzys",
        y: "vRqALqtGNnWmZV1HFWQCxzRScz9ho3U8N-yoteqq7N8",
      },
    });
  });

  it("names an encrypted private key as such", () => {
    const encrypted = pair.privateKey
      .export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" })
      .toString();
    const error = errorOf(() => parseKeyMaterial(encrypted, "w"));
    expect(error.message).toBe(
      "w holds an encrypted private key (no passphrase known): cannot sign a probe token with it",
    );
  });

  it("names another PEM label, not as an encrypted key", () => {
    const error = errorOf(() => parseKeyMaterial("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n", "w"));
    expect(error.message).toBe('w holds PEM "OPENSSH PRIVATE KEY": cannot sign a probe token with it');
  });

  it("says a private-key PEM node:crypto cannot read is unreadable, keeping the cause", () => {
    const error = errorOf(() =>
      parseKeyMaterial("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "w"),
    );
    expect(error).toMatchObject({ code: ErrorCode.keyMaterial });
    expect(error.message).toBe('w holds a PEM "PRIVATE KEY" that node:crypto cannot read');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("says a JWK node:crypto cannot read is unreadable, keeping the cause", () => {
    const error = errorOf(() => parseKeyMaterial({ kty: "EC", crv: "P-256", x: "AA", y: "AA" }, "w"));
    expect(error.message).toBe('w holds a "EC" JWK that node:crypto cannot read');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("refuses an oct JWK with an empty k", () => {
    const error = errorOf(() => parseKeyMaterial({ kty: "oct", k: "" }, "w"));
    expect(error.message).toBe('w is an "oct" JWK without a "k" member');
  });

  it("reads a JWK without d as a public key", () => {
    expect(parseKeyMaterial(publicJwk, "w").kind).toBe("public");
    expect(parseKeyMaterial(privateJwk, "w").kind).toBe("private");
  });

  it("refuses an object without kty, and null, as neither a string nor a JWK", () => {
    for (const value of [{ user: "svc" }, null]) {
      const error = errorOf(() => parseKeyMaterial(value, "w"));
      expect(error).toMatchObject({ code: ErrorCode.keyMaterial });
      expect(error.message).toBe("w is neither a string nor a JWK object: cannot sign a probe token with it");
    }
    expect(isRecord(null)).toBe(false);
  });
});

describe("pickMaterial", () => {
  it("has no siblings for a plain string", () => {
    expect(pickMaterial("plain-value", undefined, "s").siblings).toEqual([]);
  });

  it("refuses a json-key whose value is null", () => {
    const error = errorOf(() => pickMaterial(JSON.stringify({ a: null, b: "x" }), "a", "s"));
    expect(error.message).toBe('s has no JSON key "a" to sign with');
  });

  it("lists the other fields of the document as siblings, not the chosen one", () => {
    const picked = pickMaterial(JSON.stringify({ a: "one", b: "two", c: "three" }), "b", "s");
    expect(picked).toMatchObject({ value: "two", material: "two", siblings: ["one", "three"] });
  });

  it("picks a JWK set's oct key over an earlier public key, the others being siblings", () => {
    const oct = { kty: "oct", k: "AAAA" };
    const picked = pickMaterial(JSON.stringify({ keys: [publicJwk, oct, { kty: "x" }] }), undefined, "s");
    expect(picked.value).toEqual(oct);
    expect(picked.siblings).toEqual([publicJwk, { kty: "x" }]);
  });

  it("refuses a JWK set without keys", () => {
    const error = errorOf(() => pickMaterial(JSON.stringify({ keys: [] }), undefined, "s"));
    expect(error.message).toBe("s is a JWK set without keys");
  });
});
