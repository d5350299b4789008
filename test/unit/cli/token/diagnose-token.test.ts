import { describe, expect, it } from "vitest";
import { decodeToken } from "../../../../cli/token/decode-token.js";
import { diagnoseToken, type VersionMaterial } from "../../../../cli/token/diagnose-token.js";
import { RootCauseCode } from "../../../../cli/token/root-cause.js";
import {
  algNoneToken,
  goodClaims,
  hsToken,
  issuedAt,
  keyPair,
  paddedStandardBase64Token,
  rsToken,
  secrets,
} from "../crafted-tokens.js";

const sharedVersions: VersionMaterial[] = [
  {
    versionId: "v-prev",
    stages: ["AWSPREVIOUS"],
    materials: [{ label: "SecretString", text: secrets.previous }],
  },
  {
    versionId: "v-cur",
    stages: ["AWSCURRENT"],
    materials: [{ label: "SecretString", text: secrets.current }],
  },
  {
    versionId: "v-pend",
    stages: ["AWSPENDING"],
    materials: [{ label: "SecretString", text: secrets.pending }],
  },
];

function keyPairVersions(text: string): VersionMaterial[] {
  return [{ versionId: "v-kp", stages: ["AWSCURRENT"], materials: [{ label: "SecretString", text }] }];
}

async function diagnose(
  token: string,
  versions = sharedVersions,
  expect: { issuer?: string; audience?: string } = {},
) {
  const decoded = decodeToken(token);
  if (!decoded.ok) throw new Error(decoded.message);
  return diagnoseToken(decoded.token, versions, { secretId: "prod/jwt", expect, now: issuedAt });
}

function codes(diagnosis: { causes: readonly { code: string }[] }): string[] {
  return diagnosis.causes.map((cause) => cause.code);
}

describe("diagnoseToken", () => {
  it("finds AWSCURRENT as the signer of a good token and calls it healthy", async () => {
    const diagnosis = await diagnose(await hsToken(secrets.current));
    expect(diagnosis.match?.versionId).toBe("v-cur");
    expect(codes(diagnosis)).toEqual([RootCauseCode.SignedByCurrent]);
    expect(diagnosis.healthy).toBe(true);
    expect(diagnosis.versionsChecked[0]?.stages).toEqual(["AWSCURRENT"]);
  });

  it("blames a stale issuer when AWSPREVIOUS signed the token", async () => {
    const diagnosis = await diagnose(await hsToken(secrets.previous));
    expect(diagnosis.match?.stages).toEqual(["AWSPREVIOUS"]);
    expect(codes(diagnosis)).toEqual([RootCauseCode.SignedByPrevious]);
    expect(diagnosis.healthy).toBe(false);
  });

  it("says the issuer read AWSPENDING too early", async () => {
    expect(codes(await diagnose(await hsToken(secrets.pending)))).toEqual([RootCauseCode.SignedByPending]);
  });

  it("recognises an HS256 token signed with the public key PEM of a key-pair secret", async () => {
    const diagnosis = await diagnose(await hsToken(keyPair.publicPem), keyPairVersions(keyPair.privatePem));
    expect(codes(diagnosis)).toContain(RootCauseCode.HmacWithKeyPair);
    expect(diagnosis.match?.form).toBe("public-pem-as-hmac-secret");
  });

  it("recognises an HS256 token signed with the private key PEM text as the HMAC secret", async () => {
    const diagnosis = await diagnose(await hsToken(keyPair.privatePem), keyPairVersions(keyPair.privatePem));
    expect(diagnosis.match?.form).toBe("pem-text-as-hmac-secret");
    expect(codes(diagnosis)).toContain(RootCauseCode.HmacWithKeyPair);
  });

  it("verifies against a PEM stored with literal \\n escapes after normalising it, and says so", async () => {
    const mangled = keyPair.privatePem.trim().replace(/\n/g, "\\n");
    const diagnosis = await diagnose(await rsToken(), keyPairVersions(mangled));
    expect(diagnosis.match?.form).toBe("normalised-pem");
    expect(codes(diagnosis)).toEqual([RootCauseCode.MangledPem, RootCauseCode.SignedByCurrent]);
  });

  it("verifies against a PEM whose newlines became spaces after normalising it", async () => {
    const body = keyPair.privatePem.split("\n").slice(1, -2).join(" ");
    const mangled = `-----BEGIN PRIVATE KEY----- ${body} -----END PRIVATE KEY-----`;
    expect(codes(await diagnose(await rsToken(), keyPairVersions(mangled)))).toContain(
      RootCauseCode.MangledPem,
    );
  });

  it("explains a padded standard-base64 token as an encoding fault of the issuer, and still finds its key", async () => {
    const diagnosis = await diagnose(paddedStandardBase64Token(secrets.current));
    expect(diagnosis.match).toMatchObject({ versionId: "v-cur", over: "as-sent" });
    expect(codes(diagnosis)).toContain(RootCauseCode.TokenEncoding);
    expect(diagnosis.healthy).toBe(false);
  });

  it("reports alg none as unsigned without trying keys", async () => {
    const diagnosis = await diagnose(algNoneToken());
    expect(diagnosis.match).toBeNull();
    expect(codes(diagnosis)[0]).toBe(RootCauseCode.AlgNone);
  });

  it("says an RS256 token cannot be checked against a shared secret", async () => {
    expect(codes(await diagnose(await rsToken()))).toEqual([RootCauseCode.AsymmetricTokenVsSharedSecret]);
  });

  it("says an HS256 token from an unknown secret does not match a key-pair secret", async () => {
    expect(codes(await diagnose(await hsToken("other"), keyPairVersions(keyPair.privatePem)))).toEqual([
      RootCauseCode.HmacTokenVsKeyPair,
    ]);
  });

  it("says no labelled version signed a token from another environment", async () => {
    expect(codes(await diagnose(await hsToken("staging-secret")))).toEqual([RootCauseCode.NoMatchingVersion]);
  });

  it("finds a token signed with the base64-decoded bytes of the secret", async () => {
    const encoded = Buffer.from("raw-random-bytes-of-the-secret!!").toString("base64");
    const versions = keyPairVersions(encoded);
    const token = await new (await import("jose")).SignJWT(goodClaims)
      .setProtectedHeader({ alg: "HS256" })
      .sign(new Uint8Array(Buffer.from(encoded, "base64")));
    expect(codes(await diagnose(token, versions))).toContain(RootCauseCode.SecretBase64Confusion);
  });

  it("ranks expiry, issuer and audience problems before the key that signed the token", async () => {
    const token = await hsToken(secrets.current, { ...goodClaims, exp: goodClaims.iat - 10 });
    const diagnosis = await diagnose(token, sharedVersions, { issuer: "https://other", audience: "billing" });
    expect(codes(diagnosis)).toEqual([
      RootCauseCode.Expired,
      RootCauseCode.IssuerMismatch,
      RootCauseCode.AudienceMismatch,
      RootCauseCode.SignedByCurrent,
    ]);
  });

  it("does not call an expired token signed by AWSCURRENT fine, nor blame a stale service", async () => {
    const token = await hsToken(secrets.current, { ...goodClaims, exp: goodClaims.iat - 10 });
    const diagnosis = await diagnose(token);
    expect(diagnosis.healthy).toBe(false);
    expect(codes(diagnosis)).toEqual([RootCauseCode.Expired, RootCauseCode.SignedByCurrent]);
    const current = diagnosis.causes.at(-1);
    expect(current?.summary).toContain("the key is not the problem");
    expect(current?.summary).not.toContain("still holds the previous key");
    expect(current?.next).toContain("redeploying will not help");
  });

  it("puts a wrong audience first for a token signed by AWSCURRENT", async () => {
    const token = await hsToken(secrets.current, { ...goodClaims, aud: "billing" });
    expect(codes(await diagnose(token, sharedVersions, { audience: "orders" }))).toEqual([
      RootCauseCode.AudienceMismatch,
      RootCauseCode.SignedByCurrent,
    ]);
  });

  it("ranks an HS256 token signed with the public key PEM first as a suspected forgery", async () => {
    const diagnosis = await diagnose(await hsToken(keyPair.publicPem), keyPairVersions(keyPair.privatePem));
    expect(codes(diagnosis)).toEqual([RootCauseCode.HmacWithKeyPair, RootCauseCode.SignedByCurrent]);
    expect(diagnosis.causes[0]?.summary).toMatch(/^FORGERY SUSPECTED: .*algorithm confusion/);
    expect(diagnosis.causes[1]?.summary).toContain("misused as a shared secret");
    expect(diagnosis.healthy).toBe(false);
  });

  it("ranks alg none before the claim failures of the same token", async () => {
    const diagnosis = await diagnose(algNoneToken({ ...goodClaims, exp: goodClaims.iat - 10 }));
    expect(codes(diagnosis)).toEqual([RootCauseCode.AlgNone, RootCauseCode.Expired]);
  });

  it("ranks an expired token signed by AWSPREVIOUS as expired first, stale issuer second", async () => {
    const token = await hsToken(secrets.previous, { ...goodClaims, exp: goodClaims.iat - 10 });
    expect(codes(await diagnose(token))).toEqual([RootCauseCode.Expired, RootCauseCode.SignedByPrevious]);
  });

  it("verifies a key stored as a public JWK", async () => {
    const { createPublicKey } = await import("node:crypto");
    const jwk = JSON.stringify(createPublicKey(keyPair.publicPem).export({ format: "jwk" }));
    expect((await diagnose(await rsToken(), keyPairVersions(jwk))).match?.form).toBe("jwk");
  });
});
