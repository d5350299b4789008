import {
  DescribeSecretCommand,
  type DescribeSecretCommandOutput,
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-vitest/extend";
import { beforeEach, describe, expect, it } from "vitest";
import { createSecretsAdapter } from "../../../../lambda/adapters/secrets-manager/secrets-adapter.js";
import { ErrorCode } from "../../../../lambda/errors.js";
import { loadWireFixture } from "../load-wire-fixture.js";

const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key-Xy9Zab";
const currentVersion = "c0b1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e";
const secretsMock = mockClient(SecretsManagerClient);
const adapter = () => createSecretsAdapter(new SecretsManagerClient({ region: "eu-west-1" }));
const notFound = () =>
  new ResourceNotFoundException({
    message: "Secrets Manager can't find the specified secret.",
    $metadata: {},
  });

beforeEach(() => secretsMock.reset());

describe("describeSecret", () => {
  it("maps ARN, name, labelled versions and dates", async () => {
    secretsMock
      .on(DescribeSecretCommand)
      .resolves(loadWireFixture<DescribeSecretCommandOutput>("secretsmanager/describe-secret.json"));
    const description = await adapter().describeSecret("prod/orders/jwt-signing-key");
    expect(description).toMatchObject({ arn, name: "prod/orders/jwt-signing-key" });
    expect(description.versionIdsToStages[currentVersion]).toContain("AWSCURRENT");
    expect(description.lastRotatedDate?.toISOString()).toBe("2025-06-01T03:14:21.118Z");
    expect(secretsMock).toHaveReceivedCommandWith(DescribeSecretCommand, {
      SecretId: "prod/orders/jwt-signing-key",
    });
  });

  it("throws SECRET_NOT_FOUND for ResourceNotFoundException", async () => {
    secretsMock.on(DescribeSecretCommand).rejects(notFound());
    await expect(adapter().describeSecret("nope")).rejects.toMatchObject({ code: ErrorCode.secretNotFound });
  });

  it("throws AWS_CALL_FAILED for any other error", async () => {
    secretsMock
      .on(DescribeSecretCommand)
      .rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException" }));
    await expect(adapter().describeSecret(arn)).rejects.toMatchObject({
      code: ErrorCode.awsCall,
      operation: "DescribeSecret",
      resource: arn,
    });
  });
});

describe("getSecretValue", () => {
  const value = {
    ARN: arn,
    VersionId: currentVersion,
    SecretString: "k",
    CreatedDate: new Date("2025-06-01T03:14:07.412Z"),
  };

  it("always sends the VersionStage it was given", async () => {
    secretsMock.on(GetSecretValueCommand).resolves(value);
    const result = await adapter().getSecretValue(arn, { versionStage: "AWSCURRENT" });
    expect(result).toEqual({
      arn,
      versionId: currentVersion,
      secretString: "k",
      createdDate: value.CreatedDate,
    });
    const input = secretsMock.commandCalls(GetSecretValueCommand)[0]?.args[0].input;
    expect(input).toEqual({ SecretId: arn, VersionStage: "AWSCURRENT" });
  });

  it("sends VersionId (and no stage) when asked for a version", async () => {
    secretsMock.on(GetSecretValueCommand).resolves(value);
    await adapter().getSecretValue(arn, { versionId: currentVersion });
    const input = secretsMock.commandCalls(GetSecretValueCommand)[0]?.args[0].input;
    expect(input).toEqual({ SecretId: arn, VersionId: currentVersion });
  });

  it("refuses SecretBinary with KEY_MATERIAL_UNUSABLE, since ECS injects strings only", async () => {
    secretsMock
      .on(GetSecretValueCommand)
      .resolves({ ARN: arn, VersionId: currentVersion, SecretBinary: new Uint8Array([1]) });
    await expect(adapter().getSecretValue(arn, { versionStage: "AWSCURRENT" })).rejects.toMatchObject({
      code: ErrorCode.keyMaterial,
    });
  });

  it("throws SECRET_NOT_FOUND naming the stage when the version is missing", async () => {
    secretsMock.on(GetSecretValueCommand).rejects(notFound());
    const error = await adapter()
      .getSecretValue(arn, { versionStage: "AWSPREVIOUS" })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCode.secretNotFound });
    expect((error as Error).message).toContain("stage AWSPREVIOUS");
  });
});
