import { generateKeyPairSync } from "node:crypto";
import { calculateJwkThumbprint, type JWK } from "jose";
import { describe, expect, it } from "vitest";
import { issuerKeyOf } from "../../../../../lambda/core/probes/issuer/issuer-keys.js";

const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
const privatePem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const publicPem = pair.publicKey.export({ type: "spki", format: "pem" }).toString();
const thumbprint = await calculateJwkThumbprint(pair.publicKey.export({ format: "jwk" }) as JWK, "sha256");

describe("issuerKeyOf on a JSON secret whose key-pair fields hold PEM", () => {
  it("reads the private key's field, not the whole document as one PEM, when no json-key is named", async () => {
    const secret = JSON.stringify({ privateKey: privatePem, publicKey: publicPem });
    expect(await issuerKeyOf(secret, undefined)).toMatchObject({ kind: "asymmetric", thumbprint });
  });

  it("reads a public key alone from its field", async () => {
    const secret = JSON.stringify({ issuer: "auth", publicKey: publicPem });
    expect(await issuerKeyOf(secret, undefined)).toMatchObject({ kind: "asymmetric", thumbprint });
  });

  it("still reads a PEM secret that is not JSON as that PEM", async () => {
    expect(await issuerKeyOf(privatePem, undefined)).toMatchObject({ kind: "asymmetric", thumbprint });
  });
});
