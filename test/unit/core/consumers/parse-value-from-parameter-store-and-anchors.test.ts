import { describe, expect, it } from "vitest";
import {
  matchesSecret,
  parseValueFrom,
  type SecretsManagerRef,
} from "../../../../lambda/core/consumers/parse-value-from.js";

/**
 * The exact forms `parseValueFrom` takes for a Secrets Manager reference (anchored at both ends),
 * the Parameter Store reference in its ARN and name forms, and which of them `matchesSecret` takes
 * for the watched secret.
 */
const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key-Xy9Zab";
const name = "prod/orders/jwt-signing-key";
const secret = { arn, name };
const referenceArn = `arn:aws:ssm:eu-west-1:123456789012:parameter/aws/reference/secretsmanager/${name}`;

describe("parseValueFrom: the Parameter Store reference to a secret", () => {
  it("reads the ARN form with its partition, region and account, as the secret's partial ARN", () => {
    expect(parseValueFrom(referenceArn)).toEqual({
      kind: "secretsmanager",
      arn: `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}`,
      partition: "aws",
      region: "eu-west-1",
      account: "123456789012",
      secretName: name,
      via: "parameter-store",
    });
  });

  it("reads the name form with no partition, region or account, its arn being the secret's name", () => {
    expect(parseValueFrom(`/aws/reference/secretsmanager/${name}`)).toEqual({
      kind: "secretsmanager",
      arn: name,
      partition: "",
      region: "",
      account: "",
      secretName: name,
      via: "parameter-store",
    });
  });

  it("takes a parameter whose path only contains /aws/reference/secretsmanager/ for an ordinary parameter", () => {
    const parameter = `/team/aws/reference/secretsmanager/${name}`;
    expect(parseValueFrom(parameter)).toEqual({ kind: "ssm", parameter });
  });

  it("takes a reference followed by a ':' selector for an ordinary parameter, not the secret's AWSCURRENT", () => {
    const parameter = `/aws/reference/secretsmanager/${name}:signingKey`;
    expect(parseValueFrom(parameter)).toEqual({ kind: "ssm", parameter });
  });
});

describe("parseValueFrom: a Secrets Manager ARN is the whole valueFrom", () => {
  it("takes a value that only contains a Secrets Manager ARN for an SSM parameter", () => {
    const parameter = `legacy-${arn}`;
    expect(parseValueFrom(parameter)).toEqual({ kind: "ssm", parameter });
  });

  it("takes a value with a line break after the ARN for an SSM parameter", () => {
    const parameter = `${arn}\nsigningKey`;
    expect(parseValueFrom(parameter)).toEqual({ kind: "ssm", parameter });
  });
});

describe("matchesSecret: Parameter Store references", () => {
  it("matches the ARN form only in the secret's own account", () => {
    expect(matchesSecret(parseValueFrom(referenceArn), secret)).toBe(true);
    const otherAccount = referenceArn.replace("123456789012", "210987654321");
    expect(matchesSecret(parseValueFrom(otherAccount), secret)).toBe(false);
  });

  it("matches by name alone only the name form, not any reference that lacks a partition", () => {
    const unparsed: SecretsManagerRef = {
      kind: "secretsmanager",
      arn: name,
      partition: "",
      region: "",
      account: "",
      secretName: name,
    };
    expect(matchesSecret(unparsed, secret)).toBe(false);
    expect(matchesSecret({ ...unparsed, via: "parameter-store" }, secret)).toBe(true);
  });

  it("matches no partial ARN when the watched secret's own ARN is not a Secrets Manager ARN", () => {
    const partial = parseValueFrom(`arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}`);
    expect(matchesSecret(partial, { arn: name, name })).toBe(false);
  });
});
