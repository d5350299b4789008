import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { createHarness, errorTypeOf, type Harness, token } from "./secrets-manager-harness.js";

async function current(h: Harness, secretId: string): Promise<string> {
  return (await h.call("GetSecretValue", { SecretId: secretId })).SecretString as string;
}

function publicDer(pem: string): string {
  return createPublicKey(pem).export({ format: "der", type: "spki" }).toString("hex");
}

describe("RotateSecret with the built-in rotation", () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });

  it("creates the new version under ClientRequestToken, moves AWSCURRENT to it and AWSPREVIOUS follows", async () => {
    const old = "0123456789abcdef".repeat(4);
    await h.call("CreateSecret", { Name: "hs", SecretString: old, ClientRequestToken: token(1) });
    h.advance(30_000);
    const rotated = await h.call("RotateSecret", { SecretId: "hs", ClientRequestToken: token(2) });
    expect(rotated.VersionId).toBe(token(2));
    const described = await h.call("DescribeSecret", { SecretId: "hs" });
    expect(described.VersionIdsToStages).toEqual({ [token(1)]: ["AWSPREVIOUS"], [token(2)]: ["AWSCURRENT"] });
    expect(described.RotationEnabled).toBe(true);
    expect(described.LastRotatedDate).toBe(Date.parse("2025-06-01T03:14:30Z") / 1000);
    const value = await current(h, "hs");
    expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect(value).not.toBe(old);
  });

  it("treats a repeated token of a finished rotation as done, and refuses a token of another version", async () => {
    await h.call("CreateSecret", { Name: "hs", SecretString: "a".repeat(40), ClientRequestToken: token(1) });
    await h.call("RotateSecret", { SecretId: "hs", ClientRequestToken: token(2) });
    const value = await current(h, "hs");
    await h.call("RotateSecret", { SecretId: "hs", ClientRequestToken: token(2) });
    expect(await current(h, "hs")).toBe(value);
    expect(
      await errorTypeOf(() => h.call("RotateSecret", { SecretId: "hs", ClientRequestToken: token(1) })),
    ).toBe("ResourceExistsException");
  });

  it("refuses to start while AWSPENDING sits on a version other than AWSCURRENT", async () => {
    await h.call("CreateSecret", { Name: "hs", SecretString: "a".repeat(40) });
    await h.call("PutSecretValue", {
      SecretId: "hs",
      SecretString: "b".repeat(40),
      VersionStages: ["AWSPENDING"],
    });
    expect(await errorTypeOf(() => h.call("RotateSecret", { SecretId: "hs" }))).toBe(
      "InvalidRequestException",
    );
  });

  it("only stores the schedule when RotateImmediately is false", async () => {
    await h.call("CreateSecret", { Name: "hs", SecretString: "a".repeat(40), ClientRequestToken: token(1) });
    await h.call("RotateSecret", {
      SecretId: "hs",
      RotateImmediately: false,
      RotationRules: { AutomaticallyAfterDays: 30 },
    });
    const described = await h.call("DescribeSecret", { SecretId: "hs" });
    expect(described.VersionIdsToStages).toEqual({ [token(1)]: ["AWSCURRENT"] });
    expect(described).toMatchObject({ RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 } });
    expect(described.NextRotationDate).toBe(Date.parse("2025-07-01T03:14:00Z") / 1000);
    expect(described).not.toHaveProperty("LastRotatedDate");
  });

  it("replaces a JSON key pair with a new pair of the same curve, keeping other fields", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const doc = {
      username: "orders",
      privateKey: privateKey.export({ format: "pem", type: "pkcs8" }),
      publicKey: publicKey.export({ format: "pem", type: "spki" }),
      apiKey: "k".repeat(40),
    };
    await h.call("CreateSecret", { Name: "pair", SecretString: JSON.stringify(doc) });
    await h.call("RotateSecret", { SecretId: "pair" });
    const rotated = JSON.parse(await current(h, "pair"));
    expect(rotated.username).toBe("orders");
    expect(rotated.apiKey).not.toBe(doc.apiKey);
    expect(rotated.privateKey).not.toBe(doc.privateKey);
    const newPrivate = createPrivateKey(rotated.privateKey);
    expect(newPrivate.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
    expect(publicDer(rotated.publicKey)).toBe(publicDer(rotated.privateKey));
  });

  it("replaces a PKCS#1 RSA private key with a new one of the same size and encoding", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ format: "pem", type: "pkcs1" }).toString();
    await h.call("CreateSecret", { Name: "rsa", SecretString: pem });
    await h.call("RotateSecret", { SecretId: "rsa" });
    const rotated = await current(h, "rsa");
    expect(rotated).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(rotated).not.toBe(pem);
    expect(createPrivateKey(rotated).asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it("replaces a private JWK with one of the same type, its public JWK, and a kid that is the new thumbprint", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const jwk = { ...privateKey.export({ format: "jwk" }), kid: "old", alg: "EdDSA" };
    const pub = { ...publicKey.export({ format: "jwk" }), kid: "old", alg: "EdDSA" };
    await h.call("CreateSecret", {
      Name: "jwk",
      SecretString: JSON.stringify({ signing: jwk, verify: pub }),
    });
    await h.call("RotateSecret", { SecretId: "jwk" });
    const { signing, verify } = JSON.parse(await current(h, "jwk"));
    expect(signing).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA" });
    expect(signing.x).not.toBe(jwk.x);
    expect(signing.kid).not.toBe("old");
    expect(verify).toEqual({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", kid: signing.kid, x: signing.x });
    expect(createPrivateKey({ key: signing as JsonWebKey, format: "jwk" }).asymmetricKeyType).toBe("ed25519");
  });
});

describe("a built-in rotation that cannot make new key material", () => {
  it("emits RotationFailed, leaves AWSCURRENT where it was and never reports RotationSucceeded", async () => {
    const h = createHarness();
    const broken = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----";
    await h.call("CreateSecret", { Name: "broken", SecretString: broken, ClientRequestToken: token(1) });
    h.events.length = 0;
    await h.call("RotateSecret", { SecretId: "broken", ClientRequestToken: token(2) });
    const names = h.events.map((event) => event.detail.eventName);
    expect(names).toEqual(["RotateSecret", "RotationStarted", "RotationFailed"]);
    expect(h.events[2]?.detail.errorMessage).toEqual(expect.any(String));
    const described = await h.call("DescribeSecret", { SecretId: "broken" });
    expect(described.VersionIdsToStages).toEqual({ [token(1)]: ["AWSCURRENT"] });
    expect(described).not.toHaveProperty("LastRotatedDate");
  });
});
