import { describe, expect, it } from "vitest";
import { parseValueFrom } from "../../../../fleet/secrets-manager/parse-value-from.js";
import { token } from "./secrets-manager-harness.js";

const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf";

describe("parseValueFrom reads secrets[].valueFrom as ECS does", () => {
  it("splits a Secrets Manager ARN from json-key, version-stage and version-id, empty fields meaning unset", () => {
    expect(parseValueFrom(`${arn}:signingKey::`)).toEqual({
      kind: "secrets-manager",
      secretId: arn,
      jsonKey: "signingKey",
    });
    expect(parseValueFrom(`${arn}::AWSPREVIOUS:`)).toEqual({
      kind: "secrets-manager",
      secretId: arn,
      versionStage: "AWSPREVIOUS",
    });
    expect(parseValueFrom(`${arn}:::${token(1)}`)).toEqual({
      kind: "secrets-manager",
      secretId: arn,
      versionId: token(1),
    });
    expect(parseValueFrom(arn)).toEqual({ kind: "secrets-manager", secretId: arn });
  });

  it("takes a bare name for a Parameter Store parameter, never a secret name", () => {
    expect(parseValueFrom("plain-name")).toEqual({ kind: "parameter", parameterName: "plain-name" });
    expect(parseValueFrom("prod/jwt")).toEqual({ kind: "parameter", parameterName: "prod/jwt" });
    expect(parseValueFrom("/prod/jwt")).toEqual({ kind: "parameter", parameterName: "/prod/jwt" });
  });

  it("reads a parameter ARN's name, hierarchical or not", () => {
    expect(parseValueFrom("arn:aws:ssm:eu-west-1:123456789012:parameter/prod/flags")).toEqual({
      kind: "parameter",
      parameterName: "/prod/flags",
    });
    expect(parseValueFrom("arn:aws:ssm:eu-west-1:123456789012:parameter/flags")).toEqual({
      kind: "parameter",
      parameterName: "flags",
    });
  });

  it("lets only /aws/reference/secretsmanager/<name> reach a secret, as a name or a parameter ARN", () => {
    const reference = "/aws/reference/secretsmanager/prod/jwt";
    const expected = { kind: "parameter-store-reference", parameterName: reference, secretId: "prod/jwt" };
    expect(parseValueFrom(reference)).toEqual(expected);
    expect(parseValueFrom(`arn:aws:ssm:eu-west-1:123456789012:parameter${reference}`)).toEqual(expected);
  });

  it("refuses a malformed Secrets Manager reference with ResourceInitializationError", () => {
    for (const valueFrom of [`${arn}:a:b:c:d`, `${arn}::AWSCURRENT:${token(2)}`, "arn:aws:s3:::bucket"]) {
      expect(() => parseValueFrom(valueFrom)).toThrowError(
        expect.objectContaining({ type: "ResourceInitializationError" }),
      );
    }
  });
});
