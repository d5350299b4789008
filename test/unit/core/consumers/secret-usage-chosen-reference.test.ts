import { describe, expect, it } from "vitest";
import { findSecretUsage } from "../../../../lambda/core/consumers/secret-usage.js";
import type { SecretReference } from "../../../../lambda/core/snapshots.js";
import { aTaskDefinition, currentVersion, secretArn } from "../builders.js";

/**
 * Which reference decides a task definition's pin, json-key and probe container when it reads the
 * watched secret several ways: a running copy (never `repositoryCredentials`, read at image pull
 * only) that follows AWSCURRENT, a `secrets` variable before a `logConfiguration` option.
 */
const name = "prod/orders/jwt-signing-key";
const secret = { arn: secretArn, name };

function usage(secretReferences: SecretReference[]) {
  return findSecretUsage(aTaskDefinition({ secretReferences }), secret, currentVersion);
}

describe("findSecretUsage: the reference that decides", () => {
  it("never takes the pull-only registry credentials for the copy a running task holds", () => {
    const found = usage([
      { container: "registry-user", source: "repositoryCredentials", valueFrom: name },
      {
        container: "log-router",
        source: "logConfiguration",
        name: "apiKey",
        valueFrom: `${secretArn}::AWSPREVIOUS:`,
      },
    ]);
    expect(found?.pin).toEqual({ pinned: true, pin: "version stage AWSPREVIOUS" });
    expect(found?.container).toBeUndefined();
  });

  it("takes a logConfiguration option that follows AWSCURRENT over a secrets variable pinned to AWSPREVIOUS", () => {
    const found = usage([
      {
        container: "orders-api",
        source: "secrets",
        name: "JWT_KEY",
        valueFrom: `${secretArn}:signingKey:AWSPREVIOUS:`,
      },
      {
        container: "log-router",
        source: "logConfiguration",
        name: "apiKey",
        valueFrom: `${secretArn}:apiKey::`,
      },
    ]);
    expect(found).toMatchObject({ pin: { pinned: false }, jsonKey: "apiKey", container: "log-router" });
  });

  it("takes the secrets variable over a logConfiguration option listed before it, both following AWSCURRENT", () => {
    const found = usage([
      {
        container: "log-router",
        source: "logConfiguration",
        name: "apiKey",
        valueFrom: `${secretArn}:apiKey::`,
      },
      { container: "orders-api", source: "secrets", name: "JWT_KEY", valueFrom: `${secretArn}:signingKey::` },
    ]);
    expect(found).toMatchObject({ pin: { pinned: false }, jsonKey: "signingKey", container: "orders-api" });
  });
});
