import { describe, expect, it } from "vitest";
import { matchesSecret, parseValueFrom } from "../../../../lambda/core/consumers/parse-value-from.js";

/**
 * The name form of the Parameter Store reference (`/aws/reference/secretsmanager/<name>`) carries no
 * partition, region or account: it names the watched secret only when the name is the secret's own.
 */
const name = "prod/orders/jwt-signing-key";
const secret = { arn: `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}-Xy9Zab`, name };

describe("matchesSecret: the Parameter Store name form", () => {
  it("takes a reference to the secret's name", () => {
    expect(matchesSecret(parseValueFrom(`/aws/reference/secretsmanager/${name}`), secret)).toBe(true);
  });

  it("does not take a reference to another secret's name", () => {
    const reference = parseValueFrom("/aws/reference/secretsmanager/prod/orders/db-password");
    expect(matchesSecret(reference, secret)).toBe(false);
  });

  it("does not take a reference to a name that only starts with the secret's name", () => {
    const reference = parseValueFrom(`/aws/reference/secretsmanager/${name}-previous`);
    expect(matchesSecret(reference, secret)).toBe(false);
  });
});
