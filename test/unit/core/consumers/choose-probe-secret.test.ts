import { describe, expect, it } from "vitest";
import { chooseProbeSecret } from "../../../../lambda/core/consumers/choose-probe-secret.js";
import type { SecretReference, TaskDefinitionSnapshot } from "../../../../lambda/core/snapshots.js";
import { aTaskDefinition, currentVersion, secretArn } from "../builders.js";

const secret = { arn: secretArn, name: "prod/orders/jwt-signing-key" };
const other = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-other-AbCdEf";
const app = { name: "app", portMappings: [{ containerPort: 8080 }] };
const sidecar = { name: "sidecar", portMappings: [] };

function definition(containers: TaskDefinitionSnapshot["containers"], refs: SecretReference[]) {
  return aTaskDefinition({ containers, secretReferences: refs });
}
const env = (container: string, name: string, valueFrom: string): SecretReference => ({
  container,
  source: "secrets",
  name,
  valueFrom,
});

describe("chooseProbeSecret", () => {
  it("probes with the secret the probed container verifies with, and its json-key", () => {
    const plan = chooseProbeSecret(
      definition(
        [sidecar, app],
        [env("sidecar", "CONFIG", secretArn), env("app", "JWT_SECRET", `${secretArn}:signingKey::`)],
      ),
      secret,
      currentVersion,
      {},
    );
    expect(plan).toEqual({
      containerPort: 8080,
      key: {
        kind: "applies",
        secret: { variable: "JWT_SECRET", container: "app", jsonKey: "signingKey", chosenBy: "only" },
      },
    });
  });

  it("does not probe a secret the app reads as a password while its JWT key comes from another secret", () => {
    const plan = chooseProbeSecret(
      definition([app], [env("app", "DB_PASSWORD", secretArn), env("app", "JWT_SECRET", other)]),
      secret,
      currentVersion,
      {},
    );
    expect(plan.key.kind).toBe("not-applicable");
    expect(plan.key).toMatchObject({
      reason: expect.stringContaining("verifies JWTs with JWT_SECRET, which reads another secret"),
    });
    expect(plan.key).toMatchObject({ reason: expect.stringContaining("DB_PASSWORD of app") });
  });

  it("does not probe a secret that reaches the task only through logConfiguration or repositoryCredentials", () => {
    for (const source of ["logConfiguration", "repositoryCredentials"] as const) {
      const plan = chooseProbeSecret(
        definition(
          [app],
          [
            { container: "app", source, name: "token", valueFrom: secretArn },
            env("app", "JWT_SECRET", other),
          ],
        ),
        secret,
        currentVersion,
        {},
      );
      expect(plan.key.kind).toBe("not-applicable");
    }
  });

  it("lets the probe-secret tag choose among several key-like variables, and probes none without it", () => {
    const refs = [env("app", "JWT_SECRET", secretArn), env("app", "API_KEY", other)];
    const untagged = chooseProbeSecret(definition([app], refs), secret, currentVersion, {});
    expect(untagged.key).toMatchObject({
      kind: "not-applicable",
      reason: expect.stringContaining("rollout-verifier:probe-secret"),
    });
    const tagged = chooseProbeSecret(definition([app], refs), secret, currentVersion, {
      probeSecret: "JWT_SECRET",
    });
    expect(tagged.key).toMatchObject({
      kind: "applies",
      secret: { variable: "JWT_SECRET", chosenBy: "tag" },
    });
  });

  it("picks the one variable named like a key among other secrets", () => {
    const refs = [env("app", "DB_PASSWORD", other), env("app", "JWT_SIGNING", secretArn)];
    const plan = chooseProbeSecret(definition([app], refs), secret, currentVersion, {});
    expect(plan.key).toMatchObject({
      kind: "applies",
      secret: { variable: "JWT_SIGNING", chosenBy: "name" },
    });
  });

  it("reads a dual-key pair of one secret as one key: the reference that follows AWSCURRENT", () => {
    const refs = [
      env("app", "JWT_KEY", secretArn),
      env("app", "JWT_KEY_PREVIOUS", `${secretArn}::AWSPREVIOUS:`),
    ];
    const plan = chooseProbeSecret(definition([app], refs), secret, currentVersion, {});
    expect(plan.key).toMatchObject({ kind: "applies", secret: { variable: "JWT_KEY" } });
  });

  it("probes the container that declares the tagged port", () => {
    const admin = { name: "admin", portMappings: [{ containerPort: 9090 }] };
    const refs = [env("app", "JWT_SECRET", secretArn), env("admin", "ADMIN_JWT", other)];
    const plan = chooseProbeSecret(definition([app, admin], refs), secret, currentVersion, {
      containerPort: 9090,
    });
    expect(plan.containerPort).toBe(9090);
    expect(plan.key.kind).toBe("not-applicable");
  });

  it("treats a Parameter Store reference to the secret like a direct one", () => {
    const refs = [env("app", "JWT_SECRET", "/aws/reference/secretsmanager/prod/orders/jwt-signing-key")];
    const plan = chooseProbeSecret(definition([app], refs), secret, currentVersion, {});
    expect(plan.key).toMatchObject({ kind: "applies", secret: { variable: "JWT_SECRET" } });
  });
});
