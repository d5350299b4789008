import {
  DescribeSecretCommand,
  type DescribeSecretCommandOutput,
  GetSecretValueCommand,
  type GetSecretValueCommandOutput,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import type { SecretsPort } from "../../core/ports.js";
import type { SecretDescription, SecretValue } from "../../core/snapshots.js";
import { AwsCallError, KeyMaterialError, SecretNotFoundError } from "../../errors.js";
import { type AwsCaller, createAwsCaller } from "../aws/aws-call.js";

type VersionSelector = { readonly versionStage: string } | { readonly versionId: string };

/**
 * Secrets Manager behind `SecretsPort`. GetSecretValue always names a stage or a version id:
 * "whatever is current" differs between caches, emulators and a rotation in flight.
 * A missing secret is `SecretNotFoundError`; any other failure is `AwsCallError`.
 */
export function createSecretsAdapter(
  client: SecretsManagerClient = new SecretsManagerClient({}),
  callAws: AwsCaller = createAwsCaller(),
): SecretsPort {
  const call = <T>(operation: string, resource: string, send: (signal: AbortSignal) => Promise<T>) =>
    callSecrets(callAws, operation, resource, send);
  return {
    async describeSecret(secretId) {
      const output = await call("DescribeSecret", secretId, (abortSignal) =>
        client.send(new DescribeSecretCommand({ SecretId: secretId }), { abortSignal }),
      );
      return toSecretDescription(output, secretId);
    },
    async getSecretValue(secretId, version) {
      const input =
        "versionId" in version
          ? { SecretId: secretId, VersionId: version.versionId }
          : { SecretId: secretId, VersionStage: version.versionStage };
      const output = await call(
        "GetSecretValue",
        `${secretId} (${describeVersion(version)})`,
        (abortSignal) => client.send(new GetSecretValueCommand(input), { abortSignal }),
      );
      return toSecretValue(output, secretId, version);
    },
  };
}

async function callSecrets<T>(
  callAws: AwsCaller,
  operation: string,
  resource: string,
  send: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  try {
    return await callAws(operation, resource, send);
  } catch (error) {
    const cause = error instanceof AwsCallError ? error.cause : error;
    if (cause instanceof Error && cause.name === "ResourceNotFoundException")
      throw new SecretNotFoundError(
        `${operation}: secret ${resource} not found or not visible to this role`,
        {
          cause,
        },
      );
    throw error;
  }
}

function toSecretDescription(output: DescribeSecretCommandOutput, secretId: string): SecretDescription {
  if (output.ARN === undefined || output.Name === undefined)
    throw new AwsCallError("DescribeSecret", secretId, new Error("response carries no ARN or Name"));
  return {
    arn: output.ARN,
    name: output.Name,
    versionIdsToStages: output.VersionIdsToStages ?? {},
    ...(output.LastChangedDate === undefined ? {} : { lastChangedDate: output.LastChangedDate }),
    ...(output.LastRotatedDate === undefined ? {} : { lastRotatedDate: output.LastRotatedDate }),
  };
}

function toSecretValue(
  output: GetSecretValueCommandOutput,
  secretId: string,
  version: VersionSelector,
): SecretValue {
  const resource = `${output.ARN ?? secretId} (${describeVersion(version)})`;
  if (output.SecretString === undefined) {
    const why =
      output.SecretBinary === undefined ? "has no value" : "is SecretBinary, which ECS never injects";
    throw new KeyMaterialError(`secret ${resource} ${why}: no key material to sign a probe with`);
  }
  if (output.ARN === undefined || output.VersionId === undefined)
    throw new AwsCallError("GetSecretValue", resource, new Error("response carries no ARN or VersionId"));
  return {
    arn: output.ARN,
    versionId: output.VersionId,
    secretString: output.SecretString,
    ...(output.CreatedDate === undefined ? {} : { createdDate: output.CreatedDate }),
  };
}

function describeVersion(version: VersionSelector): string {
  return "versionId" in version ? `version ${version.versionId}` : `stage ${version.versionStage}`;
}
