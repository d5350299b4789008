import type { SecretsPort } from "../../../lambda/core/ports.js";
import { SecretNotFoundError } from "../../../lambda/errors.js";

/** One version of an in-memory secret. */
export interface MemoryVersion {
  readonly versionId: string;
  readonly stages: readonly string[];
  readonly secretString: string;
}

/** A SecretsPort over a fixed list of versions of one secret, named `name`. */
export function memorySecrets(name: string, versions: readonly MemoryVersion[]): SecretsPort {
  const arn = `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}-AbCdEf`;
  const known = (secretId: string) => {
    if (secretId !== name && secretId !== arn)
      throw new SecretNotFoundError(`DescribeSecret: secret ${secretId} not found`);
  };
  return {
    async describeSecret(secretId) {
      known(secretId);
      const versionIdsToStages = Object.fromEntries(
        versions.map((version) => [version.versionId, version.stages]),
      );
      return { arn, name, versionIdsToStages };
    },
    async getSecretValue(secretId, selector) {
      known(secretId);
      const version = versions.find((candidate) =>
        "versionId" in selector
          ? candidate.versionId === selector.versionId
          : candidate.stages.includes(selector.versionStage),
      );
      if (version === undefined)
        throw new SecretNotFoundError(`GetSecretValue: no such version of ${secretId}`);
      return { arn, versionId: version.versionId, secretString: version.secretString };
    },
  };
}
