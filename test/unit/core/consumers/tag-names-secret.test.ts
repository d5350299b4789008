import { describe, expect, it } from "vitest";
import { tagNamesSecret } from "../../../../lambda/core/consumers/secret-usage.js";
import { secretArn } from "../builders.js";

/**
 * Whether a `rollout-verifier:secret` tag (an app that fetches the secret at run time) names the
 * watched secret: by its name, its full or partial ARN, never with a JSON key or by another name.
 */
const name = "prod/orders/jwt-signing-key";
const secret = { arn: secretArn, name };
const partial = `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}`;

describe("tagNamesSecret", () => {
  it("takes the secret's name, with surrounding spaces trimmed", () => {
    expect(tagNamesSecret(name, secret)).toBe(true);
    expect(tagNamesSecret(`  ${name} `, secret)).toBe(true);
  });

  it("does not take another secret's name, nor no value", () => {
    expect(tagNamesSecret("prod/orders/db-credentials", secret)).toBe(false);
    expect(tagNamesSecret(undefined, secret)).toBe(false);
    expect(tagNamesSecret("  ", secret)).toBe(false);
  });

  it("takes the secret's full or partial ARN, with surrounding spaces trimmed", () => {
    expect(tagNamesSecret(secretArn, secret)).toBe(true);
    expect(tagNamesSecret(` ${partial}`, secret)).toBe(true);
  });

  it("does not take an ARN with a JSON key, nor another secret's ARN", () => {
    expect(tagNamesSecret(`${secretArn}:signingKey::`, secret)).toBe(false);
    expect(tagNamesSecret(partial.replace("jwt-signing-key", "db-credentials"), secret)).toBe(false);
  });
});
