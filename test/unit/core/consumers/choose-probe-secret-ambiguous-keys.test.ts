import { describe, expect, it } from "vitest";
import { chooseProbeSecret } from "../../../../lambda/core/consumers/choose-probe-secret.js";
import type { SecretReference, TaskDefinitionSnapshot } from "../../../../lambda/core/snapshots.js";
import { aTaskDefinition, currentVersion, secretArn } from "../builders.js";

/**
 * Which variable of the probed container is its JWT key when several are candidates, and what the
 * operator reads when none can be chosen: the count of candidates, how many look like a key, and
 * their names.
 */
const secret = { arn: secretArn, name: "prod/orders/jwt-signing-key" };
const other = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-other-AbCdEf";
const ssmParameter = "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/orders/jwt-key";
const app = { name: "app", portMappings: [{ containerPort: 8080 }] };

const env = (name: string, valueFrom: string): SecretReference => ({
  container: "app",
  source: "secrets",
  name,
  valueFrom,
});
const plan = (refs: SecretReference[], containers: TaskDefinitionSnapshot["containers"] = [app]) =>
  chooseProbeSecret(aTaskDefinition({ containers, secretReferences: refs }), secret, currentVersion, {});

const choose = "could be its JWT key: tag the service rollout-verifier:probe-secret=<variable> to choose";

describe("chooseProbeSecret: the one key-like variable", () => {
  it("takes the one key-like variable even when it reads an SSM parameter, and says so", () => {
    const { key } = plan([env("DB_PASSWORD", secretArn), env("JWT_KEY", ssmParameter)]);
    expect(key).toEqual({
      kind: "not-applicable",
      reason:
        "The probe does not apply to this secret: container app verifies JWTs with JWT_KEY, which reads another secret or parameter; this secret reaches DB_PASSWORD of app.",
    });
  });

  it("takes the one key-like variable even when it is pinned to AWSPREVIOUS, and says it is pinned", () => {
    const { key } = plan([env("DB_PASSWORD", other), env("JWT_KEY", `${secretArn}::AWSPREVIOUS:`)]);
    expect(key).toEqual({
      kind: "not-applicable",
      reason: "The probe does not apply to this secret: JWT_KEY of container app reads a pinned version.",
    });
  });
});

describe("chooseProbeSecret: no variable can be chosen", () => {
  it("says none of the secrets looks like a key, and names every candidate", () => {
    const { key } = plan([env("DB_PASSWORD", secretArn), env("DB_USER", other)]);
    expect(key).toMatchObject({ kind: "not-applicable" });
    expect(key).toMatchObject({
      reason: expect.stringContaining(
        `container app reads 2 secrets and none of them (DB_PASSWORD, DB_USER) ${choose}`,
      ),
    });
  });

  it("counts and names only the key-like variables when several look like a key", () => {
    const { key } = plan([env("DB_PASSWORD", other), env("JWT_SECRET", secretArn), env("API_KEY", other)]);
    expect(key).toMatchObject({
      kind: "not-applicable",
      reason: expect.stringContaining(
        `container app reads 3 secrets and 2 of them (JWT_SECRET, API_KEY) ${choose}`,
      ),
    });
  });

  it("does not read two key-like variables of different secrets as a dual-key pair", () => {
    // One follows AWSCURRENT of the watched secret, the other is pinned, but of another secret.
    const { key } = plan([env("JWT_KEY", secretArn), env("API_KEY", `${other}::AWSPREVIOUS:`)]);
    expect(key).toMatchObject({
      kind: "not-applicable",
      reason: expect.stringContaining(`reads 2 secrets and 2 of them (JWT_KEY, API_KEY) ${choose}`),
    });
  });

  it("does not choose between two variables that both follow AWSCURRENT of the one secret", () => {
    const { key } = plan([
      env("JWT_KEY", `${secretArn}:current::`),
      env("JWT_SIGNING_KEY", `${secretArn}:signing::`),
    ]);
    expect(key).toMatchObject({
      kind: "not-applicable",
      reason: expect.stringContaining(`reads 2 secrets and 2 of them (JWT_KEY, JWT_SIGNING_KEY) ${choose}`),
    });
  });
});

describe("chooseProbeSecret: where else the secret reaches the task", () => {
  it("names a logConfiguration secret option and registry credentials as such", () => {
    const { key } = plan([
      { container: "app", source: "logConfiguration", name: "apiKey", valueFrom: secretArn },
      { container: "app", source: "repositoryCredentials", valueFrom: secretArn },
      env("JWT_SECRET", other),
    ]);
    expect(key).toEqual({
      kind: "not-applicable",
      reason:
        "The probe does not apply to this secret: container app verifies JWTs with JWT_SECRET, which reads another secret or parameter; this secret reaches logConfiguration.secretOptions of app, repositoryCredentials of app (read at image pull only).",
    });
  });

  it("adds nothing when the secret reaches the task nowhere", () => {
    const { key } = plan([env("JWT_SECRET", other)]);
    expect(key).toEqual({
      kind: "not-applicable",
      reason:
        "The probe does not apply to this secret: container app verifies JWTs with JWT_SECRET, which reads another secret or parameter.",
    });
  });
});
