import type { OperationHandler } from "../contracts.js";
import { decodePageToken, takePage } from "./page-token.js";
import { requireSecret } from "./secret-arn.js";
import { describeSecretView, secretValueView, versionEntryView } from "./secret-views.js";
import type { SecretsManagerContext } from "./secrets-manager-context.js";
import { recordAccess, selectVersion } from "./select-version.js";
import { readOptionalBoolean, readOptionalInteger, readOptionalString, readString } from "./wire-format.js";

/** GetSecretValue: by VersionId and/or VersionStage (both must agree); neither reads AWSCURRENT. */
export function createGetSecretValue(ctx: SecretsManagerContext): OperationHandler {
  return (input) => {
    const secret = requireSecret(ctx.store, ctx.identity, readString(input, "SecretId"));
    const version = selectVersion(secret, {
      versionId: readOptionalString(input, "VersionId"),
      versionStage: readOptionalString(input, "VersionStage"),
    });
    recordAccess(secret, version, ctx.now());
    return secretValueView(secret, version);
  };
}

/** DescribeSecret: metadata and labelled versions, never the value. */
export function createDescribeSecret(ctx: SecretsManagerContext): OperationHandler {
  return (input) => describeSecretView(requireSecret(ctx.store, ctx.identity, readString(input, "SecretId")));
}

/**
 * ListSecretVersionIds: newest first, each with its own CreatedDate; unlabelled versions only with
 * `IncludeDeprecated`; paged by `MaxResults` (1-100, default 100) and `NextToken`.
 */
export function createListSecretVersionIds(ctx: SecretsManagerContext): OperationHandler {
  return (input) => {
    const secret = requireSecret(ctx.store, ctx.identity, readString(input, "SecretId"));
    const includeDeprecated = readOptionalBoolean(input, "IncludeDeprecated") ?? false;
    const maxResults = readOptionalInteger(input, "MaxResults", 1, 100) ?? 100;
    const scope = `ListSecretVersionIds:${secret.arn}:${includeDeprecated}`;
    const offset = decodePageToken(scope, readOptionalString(input, "NextToken"));
    const versions = [...secret.versions.values()]
      .reverse()
      .filter((version) => includeDeprecated || version.stages.length > 0);
    const { page, nextToken } = takePage(versions, scope, offset, maxResults);
    return {
      Versions: page.map(versionEntryView),
      ...(nextToken ? { NextToken: nextToken } : {}),
      ARN: secret.arn,
      Name: secret.name,
    };
  };
}
