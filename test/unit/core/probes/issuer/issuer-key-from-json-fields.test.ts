import { generateKeyPairSync } from "node:crypto";
import { calculateJwkThumbprint, type JWK } from "jose";
import { describe, expect, it } from "vitest";
import { type IssuerKey, issuerKeyOf } from "../../../../../lambda/core/probes/issuer/issuer-keys.js";

const pairA = generateKeyPairSync("ec", { namedCurve: "P-256" });
const pairB = generateKeyPairSync("ec", { namedCurve: "P-256" });
const privateA = pairA.privateKey.export({ format: "jwk" });
const publicA = pairA.publicKey.export({ format: "jwk" });
const publicB = pairB.publicKey.export({ format: "jwk" });

async function issuerKey(secretString: string, jsonKey?: string): Promise<IssuerKey> {
  const key = await issuerKeyOf(secretString, jsonKey);
  if (key instanceof Error) throw key;
  return key;
}

const thumbprintOf = (jwk: object) => calculateJwkThumbprint(jwk as JWK, "sha256");

describe("issuerKeyOf reading the key-pair fields of a JSON secret", () => {
  it("takes the asymmetric key of a field when the document is neither a JWK nor names a json-key", async () => {
    const key = await issuerKey(JSON.stringify({ user: "svc", signer: privateA }));
    expect(key.kind).toBe("asymmetric");
    expect(key.thumbprint).toBe(await thumbprintOf(publicA));
  });

  it("prefers a field's private key to an earlier field's public key", async () => {
    const key = await issuerKey(JSON.stringify({ verifier: publicB, signer: privateA }));
    expect(key.thumbprint).toBe(await thumbprintOf(publicA));
  });

  it("takes a public key field when no field holds a private key, skipping string fields", async () => {
    const key = await issuerKey(JSON.stringify({ label: "not-a-key", verifier: publicB }));
    expect(key.kind).toBe("asymmetric");
    expect(key.thumbprint).toBe(await thumbprintOf(publicB));
  });

  it("keeps the named json-key's shared secret even when another field holds a private key", async () => {
    const key = await issuerKey(JSON.stringify({ hmac: "field-hmac-value", signer: privateA }), "hmac");
    expect(key.kind).toBe("shared");
    expect(Buffer.from(key.verifyKey as Uint8Array).toString()).toBe("field-hmac-value");
  });

  it("keeps an oct JWK as a shared key even when one of its members is a key", async () => {
    const oct = { kty: "oct", k: Buffer.from("oct-key-bytes").toString("base64url"), extra: publicB };
    const key = await issuerKey(JSON.stringify(oct));
    expect(key.kind).toBe("shared");
    expect(Buffer.from(key.verifyKey as Uint8Array).toString()).toBe("oct-key-bytes");
  });

  it("takes a JWK set's private key, not a key in another field of the document", async () => {
    const key = await issuerKey(JSON.stringify({ keys: [privateA], note: publicB }));
    expect(key.thumbprint).toBe(await thumbprintOf(publicA));
  });
});
