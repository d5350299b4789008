import { describe, expect, it } from "vitest";
import { extractAppReason } from "../../../../lambda/core/probes/extract-app-reason.js";

describe("extractAppReason", () => {
  it("takes the WWW-Authenticate error_description first", () => {
    const header = 'Bearer realm="api", error="invalid_token", error_description="jwt audience invalid"';
    expect(extractAppReason({ wwwAuthenticate: header, body: '{"error":"other"}' })).toBe(
      "jwt audience invalid",
    );
  });

  it("falls back to a short error or message field of a JSON body", () => {
    expect(extractAppReason({ contentType: "application/json", body: '{"error":"invalid signature"}' })).toBe(
      "invalid signature",
    );
    expect(extractAppReason({ body: '{"message":"Unauthorized"}' })).toBe("Unauthorized");
    expect(extractAppReason({ contentType: "text/html", body: '{"error":"x"}' })).toBeUndefined();
    expect(extractAppReason({ body: "<html>401</html>" })).toBeUndefined();
  });

  it("never carries anything token-like and never more than 200 characters", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyb2xsb3V0In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    const reason = extractAppReason({ body: JSON.stringify({ error: `bad token ${jwt} (Bearer ${jwt})` }) });
    expect(reason).not.toContain(jwt);
    expect(reason).toContain("[redacted]");
    const long = extractAppReason({ body: JSON.stringify({ error: "word ".repeat(100) }) });
    expect(long?.length).toBeLessThanOrEqual(200);
    expect(extractAppReason({ body: JSON.stringify({ error: "a\u0000b\nc" }) })).toBe("a b c");
  });
});

describe("extractAppReason without a description", () => {
  it("prefers the body's words to the challenge's bare error code", () => {
    const header = 'Bearer error="invalid_token"';
    expect(extractAppReason({ wwwAuthenticate: header, body: '{"error":"invalid signature"}' })).toBe(
      "invalid signature",
    );
    expect(extractAppReason({ wwwAuthenticate: header, body: "" })).toBe("invalid_token");
  });
});
