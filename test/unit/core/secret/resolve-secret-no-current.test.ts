import { describe, expect, it } from "vitest";
import type { SecretsPort } from "../../../../lambda/core/ports.js";
import { resolveSecret, resolveSecretForRun } from "../../../../lambda/core/secret/resolve-secret.js";
import type { SecretDescription } from "../../../../lambda/core/snapshots.js";
import { SecretNoCurrentError } from "../../../../lambda/errors.js";

const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/jwt-AbCdEf";

/** A secret whose only version is AWSPREVIOUS (a label moved by hand): nothing to verify against. */
const noCurrent: SecretDescription = {
  arn,
  name: "prod/jwt",
  versionIdsToStages: { "v1-previous": ["AWSPREVIOUS"] },
};

/** Records every GetSecretValue; answers as if a value were there, so only the check can stop a read. */
function recordingSecrets(reads: unknown[]): SecretsPort {
  return {
    describeSecret: async () => noCurrent,
    getSecretValue: async (_id, version) => {
      reads.push(version);
      return { arn, versionId: "v1-previous", secretString: "value" };
    },
  };
}

describe("a secret with no AWSCURRENT version", () => {
  it("makes resolveSecret throw SecretNoCurrentError before reading any value", async () => {
    const reads: unknown[] = [];
    await expect(resolveSecret(recordingSecrets(reads), arn)).rejects.toThrow(SecretNoCurrentError);
    expect(reads).toEqual([]);
  });

  it("makes resolveSecretForRun throw SecretNoCurrentError before reading any value", async () => {
    const reads: unknown[] = [];
    await expect(resolveSecretForRun(recordingSecrets(reads), arn)).rejects.toThrow(SecretNoCurrentError);
    expect(reads).toEqual([]);
  });
});
