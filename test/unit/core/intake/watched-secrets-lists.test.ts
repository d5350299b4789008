import { describe, expect, it } from "vitest";
import { isWatched } from "../../../../lambda/core/intake/watched-secrets.js";

describe("isWatched with a list of several secrets", () => {
  it("watches a secret that is any one entry of the list, not only when it matches them all", () => {
    const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key-Xy9Zab";
    expect(isWatched(arn, ["prod/payments/api-key", "prod/orders/jwt-signing-key"])).toBe(true);
    expect(isWatched("prod/payments/api-key", ["prod/payments/api-key", arn])).toBe(true);
    expect(isWatched("prod/billing/key", ["prod/payments/api-key", arn])).toBe(false);
  });
});
