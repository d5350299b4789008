import { describe, expect, it } from "vitest";
import { findSecretUsage } from "../../../../lambda/core/consumers/secret-usage.js";
import { aTaskDefinition, currentVersion, secretArn } from "../builders.js";
import { loadFixtureScenario } from "../fixture-scenario.js";

const secret = { arn: secretArn, name: "prod/orders/jwt-signing-key" };

describe("findSecretUsage", () => {
  it("reads the fixture task definition as following AWSCURRENT through its signingKey field", () => {
    const [definition] = loadFixtureScenario().taskDefinitions;
    if (!definition) throw new Error("fixture changed");
    expect(findSecretUsage(definition, secret, currentVersion)).toEqual({
      references: [
        expect.objectContaining({ name: "JWT_SIGNING_KEY" }),
        expect.objectContaining({ name: "JWT_SIGNING_KEY_PREVIOUS" }),
      ],
      pin: { pinned: false },
      jsonKey: "signingKey",
      container: "orders-api",
    });
  });

  it("is pinned when every reference pins a stage or another version", () => {
    const definition = aTaskDefinition({
      secretReferences: [
        { container: "orders-api", source: "secrets", valueFrom: `${secretArn}:signingKey:AWSPREVIOUS:` },
      ],
    });
    expect(findSecretUsage(definition, secret, currentVersion)?.pin).toEqual({
      pinned: true,
      pin: "version stage AWSPREVIOUS",
    });
  });

  it("counts logConfiguration and repositoryCredentials references", () => {
    const definition = aTaskDefinition({
      secretReferences: [
        { container: "orders-api", source: "logConfiguration", name: "apiKey", valueFrom: secretArn },
        { container: "orders-api", source: "repositoryCredentials", valueFrom: secretArn },
      ],
    });
    expect(findSecretUsage(definition, secret, currentVersion)?.references).toHaveLength(2);
  });

  it("returns null without a reference, and skips a valueFrom ECS would reject", () => {
    const definition = aTaskDefinition({
      secretReferences: [{ container: "orders-api", source: "secrets", valueFrom: `${secretArn}:a:b:c:d` }],
    });
    expect(findSecretUsage(definition, secret, currentVersion)).toBeNull();
    expect(findSecretUsage(aTaskDefinition({ secretReferences: [] }), secret, currentVersion)).toBeNull();
  });
});
