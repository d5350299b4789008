import { beforeEach, describe, expect, it } from "vitest";
import { parseValueFrom } from "../../../../fleet/secrets-manager/resolve-value-from.js";
import { createHarness, errorTypeOf, type Harness, token } from "./secrets-manager-harness.js";

const OLD = JSON.stringify({ signingKey: "old-key", kid: "k1" });
const NEW = JSON.stringify({ signingKey: "new-key", kid: "k2" });

describe("parseValueFrom", () => {
  it("splits the ARN from json-key, version-stage and version-id, empty fields meaning unset", () => {
    const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf";
    expect(parseValueFrom(`${arn}:signingKey::`)).toEqual({ secretId: arn, jsonKey: "signingKey" });
    expect(parseValueFrom(`${arn}::AWSPREVIOUS:`)).toEqual({ secretId: arn, versionStage: "AWSPREVIOUS" });
    expect(parseValueFrom(`${arn}:::${token(1)}`)).toEqual({ secretId: arn, versionId: token(1) });
    expect(parseValueFrom(arn)).toEqual({ secretId: arn });
    expect(parseValueFrom("plain-name")).toEqual({ secretId: "plain-name" });
  });
});

describe("resolveValueFrom", () => {
  let h: Harness;
  let arn: string;

  beforeEach(async () => {
    h = createHarness();
    arn = (await h.call("CreateSecret", { Name: "jwt", SecretString: OLD, ClientRequestToken: token(1) }))
      .ARN as string;
    await h.call("PutSecretValue", { SecretId: "jwt", SecretString: NEW, ClientRequestToken: token(2) });
  });

  it("reads AWSCURRENT by default, by full ARN, partial ARN or name", () => {
    for (const reference of [arn, arn.slice(0, -7), "jwt"]) {
      expect(h.api.resolveValueFrom(reference)).toBe(NEW);
    }
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
