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

describe("findSecretUsage: registry credentials are read at image pull only", () => {
  const name = "prod/orders/jwt-signing-key";
  const registryOnly = (valueFrom: string) =>
    aTaskDefinition({
      secretReferences: [
        {
          container: "orders-api",
          source: "secrets",
          name: "OTHER",
          valueFrom: "arn:aws:ssm:eu-west-1:123456789012:parameter/other",
        },
        { container: "orders-api", source: "repositoryCredentials", valueFrom },
      ],
    });

  it("marks a task definition that reads the secret only through repositoryCredentials (by ARN or by name) pull-only", () => {
    for (const valueFrom of [secretArn, name])
      expect(findSecretUsage(registryOnly(valueFrom), secret, currentVersion)).toMatchObject({
        pin: { pinned: false },
        pullOnly: true,
      });
  });

  it("does not take another secret's name, nor a bare name outside repositoryCredentials, for the secret", () => {
    expect(findSecretUsage(registryOnly("prod/orders/other-key"), secret, currentVersion)).toBeNull();
    const asVariable = aTaskDefinition({
      secretReferences: [{ container: "orders-api", source: "secrets", name: "KEY", valueFrom: name }],
    });
    expect(findSecretUsage(asVariable, secret, currentVersion)).toBeNull();
  });

  it("is not pull-only when a container also reads the secret at start", () => {
    const definition = aTaskDefinition({
      secretReferences: [
        { container: "orders-api", source: "repositoryCredentials", valueFrom: name },
        { container: "orders-api", source: "secrets", name: "JWT_KEY", valueFrom: secretArn },
      ],
    });
    const usage = findSecretUsage(definition, secret, currentVersion);
    expect(usage?.pullOnly).toBeUndefined();
    expect(usage?.container).toBe("orders-api");
    expect(usage?.references).toHaveLength(2);
  });
});
