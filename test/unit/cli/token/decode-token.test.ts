import { describe, expect, it } from "vitest";
import { decodeToken } from "../../../../cli/token/decode-token.js";
import { algNoneToken, goodClaims, hsToken, paddedStandardBase64Token, secrets } from "../crafted-tokens.js";

describe("decodeToken", () => {
  it("returns header and claims of a well-formed token without verifying it", async () => {
    const result = decodeToken(await hsToken("any-key-at-all"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.token.header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(result.token.claims).toEqual(goodClaims);
    expect(result.token.encodingIssues).toEqual([]);
    expect(result.token.hadWhitespace).toBe(false);
  });

  it("decodes a token wrapped over several lines and with a Bearer prefix, and flags the whitespace", async () => {
    const token = await hsToken(secrets.current);
    const wrapped = `Bearer ${token.slice(0, 40)}\n  ${token.slice(40, 90)}\r\n${token.slice(90)}\n`;
    const result = decodeToken(wrapped);
    expect(result.ok && result.token.hadWhitespace).toBe(true);
    expect(result.ok && result.token.compact).toBe(token);
  });

  it("flags padding and standard-base64 characters per segment and offers the base64url form", () => {
    const result = decodeToken(paddedStandardBase64Token(secrets.current));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.token.encodingIssues.find((issue) => issue.segment === "payload")?.padding).toBe(true);
    expect(result.token.canonical).not.toMatch(/[=+/]/);
    expect(result.token.claims?.sub).toBe(goodClaims.sub);
  });

  it("decodes an alg none token with an empty signature", () => {
    const result = decodeToken(algNoneToken());
    expect(result.ok && result.token.header.alg).toBe("none");
    expect(result.ok && result.token.signature.length).toBe(0);
  });

  it.each([
    ["", "empty"],
    ["abc.def", "segment-count"],
    ["a.b.c.d.e", "encrypted-jwe"],
    ["eyJ!.abc.def", "bad-base64"],
    [`${Buffer.from("not json").toString("base64url")}.e30.sig`, "bad-header-json"],
  ])("refuses %j with failure %s", (input, failure) => {
    const result = decodeToken(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.failure).toBe(failure);
  });
});
