import { describe, expect, it } from "vitest";
import {
  matchesSecret,
  parseValueFrom,
  pinStateOf,
  type SecretsManagerRef,
} from "../../../../lambda/core/consumers/parse-value-from.js";
import { ErrorCode } from "../../../../lambda/errors.js";

const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key-Xy9Zab";
const partial = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key";
const secret = { arn, name: "prod/orders/jwt-signing-key" };
const current = "c0b1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e";

function smRef(valueFrom: string): SecretsManagerRef {
  const ref = parseValueFrom(valueFrom);
  if (ref.kind !== "secretsmanager") throw new Error(`expected a Secrets Manager reference: ${valueFrom}`);
  return ref;
}

describe("parseValueFrom", () => {
  it("reads a bare full ARN with no options", () => {
    expect(parseValueFrom(arn)).toEqual({
      kind: "secretsmanager",
      arn,
      partition: "aws",
      region: "eu-west-1",
      account: "123456789012",
      secretName: "prod/orders/jwt-signing-key-Xy9Zab",
    });
  });

  it("reads json-key, version-stage and version-id suffixes", () => {
    expect(smRef(`${arn}:signingKey::`)).toMatchObject({ arn, jsonKey: "signingKey" });
    expect(smRef(`${arn}:signingKey:AWSPREVIOUS:`)).toMatchObject({
      jsonKey: "signingKey",
      versionStage: "AWSPREVIOUS",
    });
    expect(smRef(`${arn}:::${current}`)).toMatchObject({ versionId: current });
    expect(smRef(`${arn}:::`)).not.toHaveProperty("jsonKey");
  });

  it("reads other partitions", () => {
    expect(smRef("arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:a-AbCdEf")).toMatchObject({
      partition: "aws-cn",
    });
  });

  it("treats SSM parameter ARNs and bare names as SSM", () => {
    expect(parseValueFrom("arn:aws:ssm:eu-west-1:123456789012:parameter/prod/orders/feature-flags")).toEqual({
      kind: "ssm",
      parameter: "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/orders/feature-flags",
    });
    expect(parseValueFrom("feature-flags")).toMatchObject({ kind: "ssm" });
  });

  it("rejects extra fields and a stage together with a version id", () => {
    const code = { code: ErrorCode.valueFrom };
    expect(() => parseValueFrom(`${arn}:a:b:c:d`)).toThrowError(expect.objectContaining(code));
    expect(() => parseValueFrom(`${arn}::AWSCURRENT:${current}`)).toThrowError(expect.objectContaining(code));
    expect(() => parseValueFrom("arn:aws:secretsmanager:eu-west-1:123456789012:secret:")).toThrowError(
      expect.objectContaining(code),
    );
  });
});

describe("matchesSecret", () => {
  it("matches the full ARN, with or without options", () => {
    expect(matchesSecret(parseValueFrom(arn), secret)).toBe(true);
    expect(matchesSecret(parseValueFrom(`${arn}:signingKey::`), secret)).toBe(true);
  });

  it("matches a partial ARN without the random suffix", () => {
    expect(matchesSecret(parseValueFrom(`${partial}:signingKey::`), secret)).toBe(true);
  });

  it("does not match another secret, another account or region, or SSM", () => {
    const other = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/db-credentials-Qw3Rt7";
    expect(matchesSecret(parseValueFrom(other), secret)).toBe(false);
    expect(matchesSecret(parseValueFrom(partial.replace("123456789012", "210987654321")), secret)).toBe(
      false,
    );
    expect(matchesSecret(parseValueFrom(partial.replace("eu-west-1", "us-east-1")), secret)).toBe(false);
    expect(matchesSecret(parseValueFrom("prod/orders/jwt-signing-key"), secret)).toBe(false);
  });

  it("does not take a name that merely starts with the secret's name for a suffixed one", () => {
    expect(matchesSecret(parseValueFrom(`${partial}-other`), secret)).toBe(false);
  });
});

describe("pinStateOf", () => {
  it("follows AWSCURRENT when no stage or id is given, or the stage is AWSCURRENT", () => {
    expect(pinStateOf(smRef(arn), current)).toEqual({ pinned: false });
    expect(pinStateOf(smRef(`${arn}::AWSCURRENT:`), current)).toEqual({ pinned: false });
  });

  it("is not pinned, and says so, when the version id is the current one", () => {
    expect(pinStateOf(smRef(`${arn}:::${current}`), current)).toEqual({
      pinned: false,
      toCurrentVersion: true,
    });
  });

  it("is pinned by another stage or another version id", () => {
    expect(pinStateOf(smRef(`${arn}::AWSPREVIOUS:`), current)).toEqual({
      pinned: true,
      pin: "version stage AWSPREVIOUS",
    });
    expect(pinStateOf(smRef(`${arn}:::7d6c5b4a-3e2f-4a1b-9c0d-e1f2a3b4c5d6`), current)).toMatchObject({
      pinned: true,
    });
  });
});
