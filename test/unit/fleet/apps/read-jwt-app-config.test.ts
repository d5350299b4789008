import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { JOSE_ALGORITHMS } from "../../../../fleet/apps/jose-jwt-api.js";
import { readJwtAppConfig } from "../../../../fleet/apps/read-jwt-app-config.js";
import { jwkText, pem } from "./jwt-test-kit.js";

const IMAGE = "sample/jwt-api:jose";

describe("readJwtAppConfig", () => {
  it("treats a plain string as an HMAC secret with HS algorithms", () => {
    const config = readJwtAppConfig(IMAGE, { JWT_SECRET: "plain" }, JOSE_ALGORITHMS);
    expect(config.keys.map((key) => [key.key.type, key.algorithms])).toEqual([
      ["secret", ["HS256", "HS384", "HS512"]],
    ]);
  });

  it("treats a JSON object that is not a JWK as a plain secret", () => {
    const config = readJwtAppConfig(IMAGE, { JWT_SECRET: '{"signingKey":"abc"}' }, JOSE_ALGORITHMS);
    expect(config.keys[0]?.key.export().toString()).toBe('{"signingKey":"abc"}');
  });

  it("decodes an oct JWK into its raw bytes", () => {
    const config = readJwtAppConfig(IMAGE, { JWT_SECRET: '{"kty":"oct","k":"c2VjcmV0"}' }, JOSE_ALGORITHMS);
    expect(config.keys[0]?.key.export().toString()).toBe("secret");
  });

  it("picks the ES algorithm from the curve", () => {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-384" });
    const config = readJwtAppConfig(IMAGE, { JWT_PUBLIC_KEY: pem(publicKey) }, JOSE_ALGORITHMS);
    expect(config.keys[0]?.algorithms).toEqual(["ES384"]);
  });

  it("derives the public key from a private JWK, and prefers JWT_PUBLIC_KEY over JWT_SECRET", () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const config = readJwtAppConfig(
      IMAGE,
      { JWT_SECRET: "ignored", JWT_PUBLIC_KEY: jwkText(privateKey) },
      JOSE_ALGORITHMS,
    );
    expect(config.keys[0]?.key.type).toBe("public");
    expect(config.keys[0]?.algorithms).toEqual(["EdDSA", "Ed25519"]);
  });

  it("reads issuer, audience list and the previous key", () => {
    const env = {
      JWT_SECRET: "a",
      JWT_PREVIOUS_SECRET: "b",
      JWT_ISSUER: "auth",
      JWT_AUDIENCE: " orders , billing ",
    };
    const config = readJwtAppConfig(IMAGE, env, JOSE_ALGORITHMS);
    expect(config.keys).toHaveLength(2);
    expect(config.issuer).toBe("auth");
    expect(config.audience).toEqual(["orders", "billing"]);
  });

  it("refuses an empty JWT_SECRET", () => {
    expect(() => readJwtAppConfig(IMAGE, { JWT_SECRET: "" }, JOSE_ALGORITHMS)).toThrow(
      expect.objectContaining({ code: "APP_CONFIG_INVALID" }),
    );
  });
});
