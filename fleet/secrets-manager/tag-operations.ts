import type { OperationHandler } from "../contracts.js";
import { requireSecret } from "./secret-arn.js";
import { invalidParameter } from "./secret-errors.js";
import { mergeTags, readTags } from "./secret-tags.js";
import type { SecretsManagerContext } from "./secrets-manager-context.js";
import { readOptionalObjectList, readOptionalStringList, readString } from "./wire-format.js";

/** TagResource: adds or overwrites tags by key. Metadata only: no label event, LastChangedDate moves. */
export function createTagResource(ctx: SecretsManagerContext): OperationHandler {
  return (input) => {
    const secret = requireSecret(ctx.store, ctx.identity, readString(input, "SecretId"));
    const tags = readOptionalObjectList(input, "Tags");
    if (!tags) throw invalidParameter("Invalid or missing parameter Tags: a list of tags is required.");
    secret.tags = mergeTags(secret.tags, readTags(tags));
    secret.lastChangedDate = ctx.now();
    return {};
  };
}

/** UntagResource: removes tags by key; unknown keys are ignored, as on the service. */
export function createUntagResource(ctx: SecretsManagerContext): OperationHandler {
  return (input) => {
    const secret = requireSecret(ctx.store, ctx.identity, readString(input, "SecretId"));
    const keys = readOptionalStringList(input, "TagKeys");
    if (!keys)
      throw invalidParameter("Invalid or missing parameter TagKeys: a list of tag keys is required.");
    secret.tags = secret.tags.filter((tag) => !keys.includes(tag.Key));
    secret.lastChangedDate = ctx.now();
    return {};
  };
}
