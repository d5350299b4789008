import { generateKeyPairSync } from "node:crypto";
import { exportJWK, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import type { IssuerAnswer } from "../../../../../lambda/core/ports.js";
import { type IssuerKey, issuerKeyOf } from "../../../../../lambda/core/probes/issuer/issuer-keys.js";
import {
  readIssuerSettings,
  readRuntimeFetch,
} from "../../../../../lambda/core/probes/issuer/issuer-settings.js";
import { judgeJwks, judgeToken } from "../../../../../lambda/core/probes/issuer/probe-issuers.js";

const url = "http://127.0.0.1:8080/x";
const rsaPem = () =>
  generateKeyPairSync("rsa", { modulusLength: 2048 })
    .privateKey.export({ format: "pem", type: "pkcs8" })
    .toString();

async function key(material: string): Promise<IssuerKey> {
  const imported = await issuerKeyOf(material, undefined);
  if (imported instanceof Error) throw imported;
  return imported;
}

async function publicJwkOf(pem: string, kid: string) {
  const { createPrivateKey, createPublicKey } = await import("node:crypto");
  return { ...(await exportJWK(createPublicKey(createPrivateKey(pem)))), kid };
}

function answered(body: unknown, httpStatus = 200): IssuerAnswer {
  return {
    kind: "answered",
    httpStatus,
    body: typeof body === "string" ? body : JSON.stringify(body),
    latencyMs: 1,
  };
}

describe("judgeJwks", () => {
  const current = rsaPem();
  const previous = rsaPem();

  it("is current when the set publishes AWSCURRENT's key, whatever its kid", async () => {
    const report = await judgeJwks(
      url,
      answered({ keys: [await publicJwkOf(current, "any")] }),
      await key(current),
      await key(previous),
    );
    expect(report).toMatchObject({ match: "current", kids: ["any"] });
  });

  it("is previous when only AWSPREVIOUS's key is published", async () => {
    const report = await judgeJwks(
      url,
      answered({ keys: [await publicJwkOf(previous, "old")] }),
      await key(current),
      await key(previous),
    );
    expect(report.match).toBe("previous");
    expect(report.detail).toContain("AWSPREVIOUS");
  });

  it("is neither, listing the key ids seen, for a set with other keys", async () => {
    const other = rsaPem();
    const report = await judgeJwks(
      url,
      answered({ keys: [await publicJwkOf(other, "k1"), { kty: "oct", k: "c2VjcmV0", kid: "k2" }] }),
      await key(current),
      await key(previous),
    );
    expect(report).toMatchObject({ match: "neither", kids: ["k1", "k2"] });
    expect(JSON.stringify(report)).not.toContain("c2VjcmV0");
  });

  it("fails on a non-2xx answer or a body that is not a key set, without quoting it", async () => {
    expect((await judgeJwks(url, answered("nope", 302), await key(current), null)).match).toBe("failed");
    const report = await judgeJwks(url, answered("<html>secret-looking</html>"), await key(current), null);
    expect(report.match).toBe("failed");
    expect(report.detail).not.toContain("secret-looking");
  });

  it("skips an HMAC secret: no JWKS publishes a shared key", async () => {
    expect((await judgeJwks(url, answered({ keys: [] }), await key("shared"), null)).match).toBe("skipped");
  });
});

describe("judgeToken", () => {
  const sign = (secret: string, kid = "k") =>
    new SignJWT({ sub: "t" })
      .setProtectedHeader({ alg: "HS256", kid })
      .sign(new TextEncoder().encode(secret));

  it("tells current, previous and neither apart, and never reports the token", async () => {
    const current = await key("current-secret");
    const previous = await key("previous-secret");
    const byCurrent = await sign("current-secret");
    const reports = await Promise.all([
      judgeToken(url, answered({ access_token: byCurrent }), current, previous),
      judgeToken(url, answered({ token: await sign("previous-secret") }), current, previous),
      judgeToken(url, answered(await sign("other-secret", "rogue")), current, previous),
    ]);
    expect(reports.map((report) => report.match)).toEqual(["current", "previous", "neither"]);
    expect(reports[2]).toMatchObject({ alg: "HS256", kids: ["rogue"] });
    expect(JSON.stringify(reports)).not.toContain(byCurrent.split(".")[1]);
  });

  it("fails when the answer holds no token", async () => {
    expect((await judgeToken(url, answered({ ok: true }), await key("s"), null)).match).toBe("failed");
  });
});

describe("issuer and runtime-fetch tags", () => {
  it("reads the JWKS and token paths, the method and the fixed body", () => {
    expect(
      readIssuerSettings({
        "rollout-verifier:jwks-path": ".well-known/jwks.json",
        "rollout-verifier:issue-path": "/token",
        "rollout-verifier:issue-body": "client_id=test",
      }).issuer,
    ).toEqual({
      jwksPath: "/.well-known/jwks.json",
      issue: {
        path: "/token",
        method: "POST",
        body: "client_id=test",
        contentType: "application/x-www-form-urlencoded",
      },
    });
  });

  it("names a bad method and a bad TTL instead of dropping them", () => {
    expect(
      readIssuerSettings({ "rollout-verifier:issue-path": "/t", "rollout-verifier:issue-method": "PUT" })
        .ignoredTags,
    ).toEqual(['rollout-verifier:issue-method="PUT" (not GET or POST)']);
    const fetch = readRuntimeFetch({
      "rollout-verifier:secret": "prod/jwt",
      "rollout-verifier:cache-ttl": "5m",
    });
    expect(fetch.runtimeFetch).toEqual({ secret: "prod/jwt", ttlSeconds: 0 });
    expect(fetch.ignoredTags[0]).toContain("rollout-verifier:cache-ttl");
    expect(
      readRuntimeFetch({ "rollout-verifier:secret": "prod/jwt", "rollout-verifier:cache-ttl": "300" })
        .runtimeFetch,
    ).toEqual({
      secret: "prod/jwt",
      ttlSeconds: 300,
    });
  });
});
