import { beforeEach, describe, expect, it } from "vitest";
import { createHarness, errorTypeOf, type Harness, token } from "./secrets-manager-harness.js";

const OLD = JSON.stringify({ signingKey: "old-key", kid: "k1" });
const NEW = JSON.stringify({ signingKey: "new-key", kid: "k2" });

describe("resolveValueFrom", () => {
  let h: Harness;
  let arn: string;

  beforeEach(async () => {
    h = createHarness();
    arn = (await h.call("CreateSecret", { Name: "jwt", SecretString: OLD, ClientRequestToken: token(1) }))
      .ARN as string;
    await h.call("PutSecretValue", { SecretId: "jwt", SecretString: NEW, ClientRequestToken: token(2) });
  });

  it("reads AWSCURRENT by default, by full or partial ARN, or through Parameter Store's reference", () => {
    const reference = "/aws/reference/secretsmanager/jwt";
    for (const valueFrom of [
      arn,
      arn.slice(0, -7),
      reference,
      `arn:aws:ssm:eu-west-1:123456789012:parameter${reference}`,
    ]) {
      expect(h.api.resolveValueFrom(valueFrom)).toBe(NEW);
    }
  });

  it("takes a bare name for a parameter the fleet does not hold: InvalidParameters naming it, even when a secret has that name", async () => {
    for (const valueFrom of ["jwt", "/prod/jwt", "arn:aws:ssm:eu-west-1:123456789012:parameter/jwt"]) {
      expect(await errorTypeOf(() => h.api.resolveValueFrom(valueFrom))).toBe("InvalidParameters");
    }
    expect(() => h.api.resolveValueFrom("jwt")).toThrowError(expect.objectContaining({ message: "jwt" }));
  });

  it("answers InvalidParameters for a Parameter Store reference to a secret that does not exist", () => {
    const reference = "/aws/reference/secretsmanager/nope";
    expect(() => h.api.resolveValueFrom(reference)).toThrowError(
      expect.objectContaining({ type: "InvalidParameters", message: reference }),
    );
  });

  it("picks a json key, at a stage or a version id", () => {
    expect(h.api.resolveValueFrom(`${arn}:signingKey::`)).toBe("new-key");
    expect(h.api.resolveValueFrom(`${arn}:signingKey:AWSPREVIOUS:`)).toBe("old-key");
    expect(h.api.resolveValueFrom(`${arn.slice(0, -7)}:kid::${token(1)}`)).toBe("k1");
  });

  it("fails like ECS when the json key is missing, the value is not JSON, or stage and id are both given", async () => {
    await h.call("CreateSecret", { Name: "plain", SecretString: "not json" });
    const plainArn = `arn:aws:secretsmanager:eu-west-1:123456789012:secret:plain`;
    expect(await errorTypeOf(() => h.api.resolveValueFrom(`${arn}:missing::`))).toBe(
      "ResourceInitializationError",
    );
    expect(await errorTypeOf(() => h.api.resolveValueFrom(`${plainArn}:field::`))).toBe(
      "ResourceInitializationError",
    );
    expect(await errorTypeOf(() => h.api.resolveValueFrom(`${arn}::AWSCURRENT:${token(2)}`))).toBe(
      "ResourceInitializationError",
    );
  });

  it("fails for an unknown secret, stage or version, naming the reference but never the value", () => {
    for (const reference of [`${arn}-nope`, `${arn}::AWSPENDING:`, `${arn}:::${token(9)}`]) {
      expect(() => h.api.resolveValueFrom(reference)).toThrow(/ResourceInitializationError/);
    }
    try {
      h.api.resolveValueFrom(`${arn}:missing::`);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("new-key");
    }
  });

  it("records the day of access in DescribeSecret", async () => {
    h.api.resolveValueFrom(arn);
    expect((await h.call("DescribeSecret", { SecretId: arn })).LastAccessedDate).toBe(
      Date.parse("2025-06-01T00:00:00Z") / 1000,
    );
  });
});
