import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { exportJWK, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import type { IssuerAnswer } from "../../../../../lambda/core/ports.js";
import { type IssuerKey, issuerKeyOf } from "../../../../../lambda/core/probes/issuer/issuer-keys.js";
import { judgeJwks, judgeToken } from "../../../../../lambda/core/probes/issuer/probe-issuers.js";

/**
 * What judgeJwks and judgeToken read from an issuer's answer: which statuses count as an answer,
 * which key types a key set is compared by, which key ids a report lists (and how it bounds them),
 * and where a token is found in a body.
 */

const url = "http://127.0.0.1:8080/x";

const pemOf = (type: "rsa" | "ec" | "ed25519") => {
  const pair =
    type === "rsa"
      ? generateKeyPairSync("rsa", { modulusLength: 2048 })
      : type === "ec"
        ? generateKeyPairSync("ec", { namedCurve: "P-256" })
        : generateKeyPairSync("ed25519");
  return pair.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
};

const rsa = pemOf("rsa");

async function key(material: string): Promise<IssuerKey> {
  const imported = await issuerKeyOf(material, undefined);
  if (imported instanceof Error) throw imported;
  return imported;
}

async function publicJwk(pem: string, kid?: string): Promise<Record<string, unknown>> {
  return {
    ...(await exportJWK(createPublicKey(createPrivateKey(pem)))),
    ...(kid === undefined ? {} : { kid }),
  };
}

function answered(body: unknown, httpStatus = 200): IssuerAnswer {
  return {
    kind: "answered",
    httpStatus,
    body: typeof body === "string" ? body : JSON.stringify(body),
    latencyMs: 4,
  };
}

describe("judgeJwks: which statuses are an answer", () => {
  it("judges a 299 answer's key set, the last 2xx", async () => {
    const set = { keys: [await publicJwk(rsa, "main")] };
    expect((await judgeJwks(url, answered(set, 299), await key(rsa), null)).match).toBe("current");
  });

  it("fails a 3xx or 1xx answer even when its body is a key set holding AWSCURRENT's key", async () => {
    const set = { keys: [await publicJwk(rsa, "main")] };
    for (const httpStatus of [300, 302, 199])
      expect(await judgeJwks(url, answered(set, httpStatus), await key(rsa), null)).toStrictEqual({
        kind: "jwks",
        match: "failed",
        url,
        httpStatus,
        latencyMs: 4,
        detail: `HTTP ${httpStatus}, expected 2xx`,
      });
  });

  it("fails a JSON null body as not a key set", async () => {
    const report = await judgeJwks(url, answered("null"), await key(rsa), null);
    expect(report).toMatchObject({
      match: "failed",
      detail: 'the answer is not a JWK set ({"keys": [...]})',
    });
  });
});

describe("judgeJwks: key types", () => {
  it.each(["ec", "ed25519"] as const)("finds AWSCURRENT's %s public key in the set", async (type) => {
    const pem = pemOf(type);
    const report = await judgeJwks(
      url,
      answered({ keys: [await publicJwk(pem, type)] }),
      await key(pem),
      null,
    );
    expect(report).toMatchObject({ match: "current", kids: [type] });
  });
});

describe("judgeJwks: the key ids it lists", () => {
  it("says a set has no key ids, and lists none, when no entry has one", async () => {
    const report = await judgeJwks(url, answered({ keys: [await publicJwk(rsa)] }), await key(rsa), null);
    expect(report.match).toBe("current");
    expect(report.detail).toBe(
      `It publishes AWSCURRENT's public key (${(await key(rsa)).fingerprint}) among 1 key(s) (no key ids).`,
    );
    expect(report).not.toHaveProperty("kids");
  });

  it("names the key ids it saw in the detail", async () => {
    const other = pemOf("ec");
    const report = await judgeJwks(
      url,
      answered({ keys: [await publicJwk(other, "k1"), await publicJwk(other, "k2")] }),
      await key(rsa),
      null,
    );
    expect(report.match).toBe("neither");
    expect(report.detail).toContain("among 2 key(s) (key ids: k1, k2).");
  });

  it("keeps string key ids only, hides token-shaped ones, and cuts long ones at 64 characters", async () => {
    const tokenShaped = await new SignJWT({ sub: "leak" })
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode("s"));
    const kids = [
      "main",
      undefined,
      42,
      "",
      tokenShaped,
      "a.b.c",
      "abcdefgh.abcdef.abcd", // compact-shaped, exactly 20 characters: kept
      "key-2026-12-07-rotation-abcdef", // long but not token-shaped: kept
      "x".repeat(64),
      "y".repeat(100),
    ];
    const entries = await Promise.all(
      kids.map(async (kid, index) => ({
        ...(await publicJwk(index === 0 ? rsa : pemOf("ec"))),
        ...(kid === undefined ? {} : { kid }),
      })),
    );
    const report = await judgeJwks(url, answered({ keys: entries }), await key(rsa), null);
    expect(report.match).toBe("current");
    expect(report.kids).toEqual([
      "main",
      "[token-shaped kid]",
      "a.b.c",
      "abcdefgh.abcdef.abcd",
      "key-2026-12-07-rotation-abcdef",
      "x".repeat(64),
      `${"y".repeat(64)}…`,
    ]);
    expect(JSON.stringify(report)).not.toContain(tokenShaped);
  });
});

describe("judgeToken: how it describes the token", () => {
  const hs = (header: Record<string, unknown>, secret = "current-secret") =>
    new SignJWT({ sub: "t" })
      .setProtectedHeader(header as { alg: string })
      .sign(new TextEncoder().encode(secret));

  it("labels a token by its alg and kid", async () => {
    const report = await judgeToken(
      url,
      answered(await hs({ alg: "HS256", kid: "k1" })),
      await key("current-secret"),
      null,
    );
    expect(report).toMatchObject({ match: "current", alg: "HS256", kids: ["k1"] });
    expect(report.detail).toContain(
      "It issued a token (alg HS256, kid k1) whose signature verifies with AWSCURRENT",
    );
  });

  it("labels a token without a kid by its alg only, and lists no key ids", async () => {
    const report = await judgeToken(
      url,
      answered(await hs({ alg: "HS256" })),
      await key("current-secret"),
      null,
    );
    expect(report.match).toBe("current");
    expect(report.detail).toContain("It issued a token (alg HS256) whose");
    expect(report).not.toHaveProperty("kids");
  });

  it("labels a token whose header names no alg with a question mark", async () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const token = `${b64({ typ: "JWT" })}.${b64({ sub: "t" })}.c2ln`;
    const report = await judgeToken(url, answered(token), await key("current-secret"), null);
    expect(report.match).toBe("neither");
    expect(report.detail).toContain("It issued a token (alg ?) whose");
    expect(report).not.toHaveProperty("alg");
  });
});

describe("judgeToken: where the token is found", () => {
  const current = "current-secret";
  const signed = () =>
    new SignJWT({ sub: "t" }).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(current));
  const noToken = "the answer holds no token (access_token, id_token, token, or a compact JWS body)";

  it("reads a compact JWS body with a trailing newline", async () => {
    expect((await judgeToken(url, answered(`${await signed()}\n`), await key(current), null)).match).toBe(
      "current",
    );
  });

  it("finds no token in a JSON null, a non-JSON text, or a JSON string", async () => {
    for (const body of ["null", "not json at all", JSON.stringify(await signed())]) {
      const report = await judgeToken(url, answered(body), await key(current), null);
      expect(report).toMatchObject({ match: "failed", detail: noToken });
    }
  });

  it("takes no token from a body that only contains one after other text, or before it", async () => {
    const token = await signed();
    for (const body of [`Bearer ${token}`, `${token} trailing`, `token=${token}`]) {
      const report = await judgeToken(url, answered(body), await key(current), null);
      expect(report).toMatchObject({ match: "failed", detail: noToken });
    }
  });
});
