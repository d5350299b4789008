import type { OperationHandler } from "../contracts.js";
import { buildSecretArn } from "./secret-arn.js";
import { invalidParameter, resourceExists } from "./secret-errors.js";
import { labelUpdatedEvents } from "./secret-events.js";
import type { SecretRecord } from "./secret-store.js";
import { readTags } from "./secret-tags.js";
import { readSecretValue } from "./secret-value-input.js";
import { addVersion, checkVersionToken } from "./secret-versions.js";
import type { SecretsManagerContext } from "./secrets-manager-context.js";
import { StagingLabel } from "./staging-labels.js";
import {
  readClientRequestToken,
  readOptionalObjectList,
  readOptionalString,
  readString,
} from "./wire-format.js";

const NAME_PATTERN = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

function readName(input: Record<string, unknown>): string {
  const name = readString(input, "Name");
  if (!NAME_PATTERN.test(name)) {
    throw invalidParameter(
      "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!",
    );
  }
  return name;
}

/**
 * CreateSecret: a new secret, with a first version labelled AWSCURRENT when a value is given
 * (`ClientRequestToken` becomes its VersionId). Repeating the call with the same token and value
 * returns the existing secret; any other clash on the name is ResourceExistsException.
 */
export function createCreateSecret(ctx: SecretsManagerContext): OperationHandler {
  return (input) => {
    const name = readName(input);
    const value = readSecretValue(input);
    const token = readClientRequestToken(input);
    const tags = readTags(readOptionalObjectList(input, "Tags") ?? []);
    const existing = ctx.store.getByName(name);
    if (existing) {
      if (token && checkVersionToken(existing, token, value).kind === "replay") {
        return { ARN: existing.arn, Name: existing.name, VersionId: token };
      }
      throw resourceExists(`The operation failed because the secret ${name} already exists.`);
    }
    const now = ctx.now();
    const secret: SecretRecord = {
      arn: buildSecretArn(ctx.identity, name, ctx.newId()),
      name,
      createdDate: now,
      lastChangedDate: now,
      description: readOptionalString(input, "Description"),
      kmsKeyId: readOptionalString(input, "KmsKeyId"),
      tags,
      versions: new Map(),
    };
    ctx.store.add(secret);
    if (!value) return { ARN: secret.arn, Name: secret.name };
    const versionId = token ?? ctx.newId();
    const { moves } = addVersion(ctx, secret, versionId, value, [StagingLabel.current]);
    for (const event of labelUpdatedEvents(ctx, secret, moves)) ctx.emit(event);
    return { ARN: secret.arn, Name: secret.name, VersionId: versionId };
  };
}
