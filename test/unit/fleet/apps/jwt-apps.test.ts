import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callApi,
  createAppStarter,
  generateTestKeys,
  hmacKey,
  jwkText,
  pem,
  signToken,
  type TestKeys,
  unsignedToken,
} from "./jwt-test-kit.js";

const SECRET = "current-hmac-secret-with-32-bytes!!";
const PREVIOUS = "previous-hmac-secret-with-32-bytes!";
const OTHER = "some-other-secret-nobody-deployed!!";
const VERIFYING_IMAGES = [
  "sample/jwt-api:jose",
  "sample/jwt-api:jsonwebtoken-9",
  "sample/jwt-api:jsonwebtoken-8",
  "sample/jwt-api:insecure",
] as const;

let keys: TestKeys;
beforeAll(() => {
  keys = generateTestKeys();
});

describe.each(VERIFYING_IMAGES)("%s", (image) => {
  const apps = createAppStarter();
  afterAll(() => apps.closeAll());

  it("answers /health with 200 without any token", async () => {
    const app = await apps.start(image, { JWT_SECRET: SECRET });
    const response = await fetch(`${app.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("accepts an HS256 token signed with JWT_SECRET and returns its claims", async () => {
    const app = await apps.start(image, { JWT_SECRET: SECRET });
    const result = await callApi(app.url, await signToken(hmacKey(SECRET), "HS256", { sub: "alice" }));
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ claims: { sub: "alice" } });
  });

  it("rejects an HS256 token signed with another secret as invalid signature", async () => {
    const app = await apps.start(image, { JWT_SECRET: SECRET });
    const result = await callApi(app.url, await signToken(hmacKey(OTHER), "HS256"));
    expect(result).toEqual({ status: 401, body: { error: "invalid signature" } });
  });

  it("rejects a request without a bearer token", async () => {
    const app = await apps.start(image, { JWT_SECRET: SECRET });
    expect((await callApi(app.url)).status).toBe(401);
  });

  it("verifies RS256 when JWT_SECRET holds the private key in PEM", async () => {
    const app = await apps.start(image, { JWT_SECRET: pem(keys.rsa.privateKey) });
    expect((await callApi(app.url, await signToken(keys.rsa.privateKey, "RS256"))).status).toBe(200);
    const wrong = await callApi(app.url, await signToken(keys.otherRsa.privateKey, "RS256"));
    expect(wrong).toEqual({ status: 401, body: { error: "invalid signature" } });
  });

  it("verifies RS256 with a JWK public key in JWT_PUBLIC_KEY", async () => {
    const app = await apps.start(image, { JWT_PUBLIC_KEY: jwkText(keys.rsa.publicKey) });
    expect((await callApi(app.url, await signToken(keys.rsa.privateKey, "RS256"))).status).toBe(200);
    const wrong = await callApi(app.url, await signToken(keys.otherRsa.privateKey, "RS256"));
    expect(wrong).toEqual({ status: 401, body: { error: "invalid signature" } });
  });

  it("verifies RS256 when JWT_SECRET holds the private key as a JWK", async () => {
    const app = await apps.start(image, { JWT_SECRET: jwkText(keys.rsa.privateKey) });
    expect((await callApi(app.url, await signToken(keys.rsa.privateKey, "RS256"))).status).toBe(200);
  });

  it("verifies ES256 with a PEM public key", async () => {
    const app = await apps.start(image, { JWT_PUBLIC_KEY: pem(keys.ec.publicKey) });
    expect((await callApi(app.url, await signToken(keys.ec.privateKey, "ES256"))).status).toBe(200);
  });

  it("accepts both keys during a dual-key grace period and nothing else", async () => {
    const app = await apps.start(image, { JWT_SECRET: SECRET, JWT_PREVIOUS_SECRET: PREVIOUS });
    expect((await callApi(app.url, await signToken(hmacKey(SECRET), "HS256"))).status).toBe(200);
    expect((await callApi(app.url, await signToken(hmacKey(PREVIOUS), "HS256"))).status).toBe(200);
    const other = await callApi(app.url, await signToken(hmacKey(OTHER), "HS256"));
    expect(other).toEqual({ status: 401, body: { error: "invalid signature" } });
  });

  it("accepts a previous key of another type during the grace period", async () => {
    const app = await apps.start(image, {
      JWT_SECRET: pem(keys.rsa.privateKey),
      JWT_PREVIOUS_SECRET: PREVIOUS,
    });
    expect((await callApi(app.url, await signToken(keys.rsa.privateKey, "RS256"))).status).toBe(200);
    expect((await callApi(app.url, await signToken(hmacKey(PREVIOUS), "HS256"))).status).toBe(200);
  });

  it("enforces JWT_ISSUER and JWT_AUDIENCE", async () => {
    const app = await apps.start(image, {
      JWT_SECRET: SECRET,
      JWT_ISSUER: "auth",
      JWT_AUDIENCE: "orders,billing",
    });
    const key = hmacKey(SECRET);
    expect(
      (await callApi(app.url, await signToken(key, "HS256", { iss: "auth", aud: "billing" }))).status,
    ).toBe(200);
    const wrongAudience = await callApi(app.url, await signToken(key, "HS256", { iss: "auth", aud: "web" }));
    const wrongIssuer = await callApi(app.url, await signToken(key, "HS256", { iss: "evil", aud: "orders" }));
    expect(wrongAudience.status).toBe(401);
    expect(wrongIssuer.status).toBe(401);
    expect(wrongAudience.body).not.toEqual({ error: "invalid signature" });
  });

  it("rejects an expired token with a 401 that is not a signature failure", async () => {
    const app = await apps.start(image, { JWT_SECRET: SECRET });
    const expired = await callApi(app.url, await signToken(hmacKey(SECRET), "HS256", { exp: 1_000 }));
    expect(expired.status).toBe(401);
    expect(expired.body).not.toEqual({ error: "invalid signature" });
  });

  it("only accepts the algorithms listed in JWT_ALGORITHMS", async () => {
    const app = await apps.start(image, { JWT_SECRET: SECRET, JWT_ALGORITHMS: "HS512" });
    expect((await callApi(app.url, await signToken(hmacKey(SECRET), "HS512"))).status).toBe(200);
    expect((await callApi(app.url, await signToken(hmacKey(SECRET), "HS256"))).status).toBe(401);
  });

  it("answers 404 outside /api/ and /health", async () => {
    const app = await apps.start(image, { JWT_SECRET: SECRET });
    expect((await fetch(`${app.url}/admin`)).status).toBe(404);
  });

  it(`${image === "sample/jwt-api:insecure" ? "accepts" : "rejects"} an unsigned alg:none token`, async () => {
    const app = await apps.start(image, { JWT_SECRET: SECRET });
    const result = await callApi(app.url, unsignedToken({ sub: "mallory" }));
    expect(result.status).toBe(image === "sample/jwt-api:insecure" ? 200 : 401);
  });
});

describe("the libraries' own wording", () => {
  const apps = createAppStarter();
  afterAll(() => apps.closeAll());

  it.each(["sample/jwt-api:jsonwebtoken-9", "sample/jwt-api:jsonwebtoken-8"])(
    "%s says jwt expired and jwt audience invalid",
    async (image) => {
      const app = await apps.start(image, { JWT_SECRET: SECRET, JWT_AUDIENCE: "orders" });
      const key = hmacKey(SECRET);
      const expired = await callApi(app.url, await signToken(key, "HS256", { aud: "orders", exp: 1_000 }));
      const audience = await callApi(app.url, await signToken(key, "HS256", { aud: "web" }));
      expect(expired.body).toEqual({ error: "jwt expired" });
      expect(audience.body).toEqual({ error: "jwt audience invalid. expected: orders" });
    },
  );
});

describe("EdDSA", () => {
  const apps = createAppStarter();
  afterAll(() => apps.closeAll());

  it.each(["sample/jwt-api:jose", "sample/jwt-api:insecure"])("%s verifies Ed25519 tokens", async (image) => {
    const app = await apps.start(image, { JWT_PUBLIC_KEY: pem(keys.ed25519.publicKey) });
    expect((await callApi(app.url, await signToken(keys.ed25519.privateKey, "EdDSA"))).status).toBe(200);
  });

  it.each(["sample/jwt-api:jsonwebtoken-9", "sample/jwt-api:jsonwebtoken-8"])(
    "%s fails to start with an Ed25519 key, as the library cannot verify it",
    async (image) => {
      const start = apps.start(image, { JWT_PUBLIC_KEY: pem(keys.ed25519.publicKey) });
      await expect(start).rejects.toMatchObject({ code: "APP_CONFIG_INVALID" });
    },
  );
});
