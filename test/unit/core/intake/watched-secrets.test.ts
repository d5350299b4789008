import { describe, expect, it } from "vitest";
import { isWatched } from "../../../../lambda/core/intake/watched-secrets.js";

const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key-Xy9Zab";
const partial = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key";
const name = "prod/orders/jwt-signing-key";

describe("isWatched", () => {
  it("watches everything when no list is configured", () => {
    expect(isWatched("anything", undefined)).toBe(true);
  });

  it("matches a full ARN against itself, its partial ARN or its name", () => {
    for (const entry of [arn, partial, name]) expect(isWatched(arn, [entry])).toBe(true);
  });

  it("matches a name or partial ARN from an event against a full ARN in the list", () => {
    expect(isWatched(name, [arn])).toBe(true);
    expect(isWatched(partial, [arn])).toBe(true);
  });

  it("does not match another secret, account or region", () => {
    expect(isWatched(arn, ["prod/payments/api-key"])).toBe(false);
    expect(isWatched(arn, [partial.replace("123456789012", "210987654321")])).toBe(false);
    expect(isWatched(arn, [arn.replace("eu-west-1", "us-east-1")])).toBe(false);
    expect(isWatched("prod/orders/jwt-signing-key-v2", [arn])).toBe(false);
  });
});
