import { describe, expect, it } from "vitest";
import { decodeToken } from "../../../../cli/token/decode-token.js";
import { warnToken } from "../../../../cli/token/token-warnings.js";
import {
  algNoneToken,
  goodClaims,
  hsToken,
  issuedAt,
  paddedStandardBase64Token,
  rsToken,
} from "../crafted-tokens.js";

async function codesOf(token: string | Promise<string>, now = issuedAt): Promise<string[]> {
  const result = decodeToken(await token);
  if (!result.ok) throw new Error(result.message);
  return warnToken(result.token, now).map((warning) => warning.code);
}

describe("warnToken", () => {
  it("marks alg none as critical", () => {
    const result = decodeToken(algNoneToken());
    if (!result.ok) throw new Error(result.message);
    expect(warnToken(result.token, issuedAt).find((warning) => warning.code === "alg-none")?.severity).toBe(
      "critical",
    );
  });

  it("tells HMAC tokens from private-key tokens and reports the kid", async () => {
    expect(await codesOf(hsToken("k"))).toEqual(expect.arrayContaining(["alg-hmac", "no-kid"]));
    expect(await codesOf(rsToken())).toEqual(expect.arrayContaining(["alg-asymmetric", "kid"]));
  });

  it("says expired (not invalid signature) once exp has passed", async () => {
    const later = new Date(issuedAt.getTime() + 3_600_000);
    expect(await codesOf(hsToken("k"), later)).toContain("expired");
  });

  it("flags a missing exp", async () => {
    expect(await codesOf(hsToken("k", { sub: "x" }))).toContain("exp-missing");
  });

  it("flags nbf and iat in the future as clock skew", async () => {
    const ahead = goodClaims.iat + 120;
    expect(await codesOf(hsToken("k", { ...goodClaims, nbf: ahead, iat: ahead }))).toEqual(
      expect.arrayContaining(["nbf-in-future", "iat-in-future"]),
    );
  });

  it("flags padding or standard base64 in a segment and whitespace in the token", async () => {
    expect(await codesOf(paddedStandardBase64Token("k"))).toContain("payload-not-base64url");
    const token = await hsToken("k");
    expect(await codesOf(`${token.slice(0, 20)}\n${token.slice(20)}`)).toContain("whitespace");
  });

  it("gives a well-formed, fresh token only informational notes", async () => {
    const result = decodeToken(await hsToken("k"));
    if (!result.ok) throw new Error(result.message);
    expect(warnToken(result.token, issuedAt).every((warning) => warning.severity === "info")).toBe(true);
  });
});
