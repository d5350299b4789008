import type { OperationHandler } from "../contracts.js";
import { matchesFilters, readFilters } from "./list-secrets-filter.js";
import { decodePageToken, takePage } from "./page-token.js";
import { invalidParameter } from "./secret-errors.js";
import type { SecretRecord } from "./secret-store.js";
import { secretListEntryView } from "./secret-views.js";
import type { SecretsManagerContext } from "./secrets-manager-context.js";
import { readOptionalInteger, readOptionalObjectList, readOptionalString } from "./wire-format.js";

const SORT_KEYS: Record<string, (secret: SecretRecord) => number | string> = {
  "created-date": (secret) => secret.createdDate.getTime(),
  "last-accessed-date": (secret) => secret.lastAccessedDate?.getTime() ?? 0,
  "last-changed-date": (secret) => secret.lastChangedDate.getTime(),
  name: (secret) => secret.name,
};

function sortSecrets(secrets: SecretRecord[], sortBy: string, sortOrder: string): SecretRecord[] {
  const key = SORT_KEYS[sortBy];
  if (!key) throw invalidParameter(`Invalid SortBy: must be one of ${Object.keys(SORT_KEYS).join(", ")}.`);
  if (sortOrder !== "asc" && sortOrder !== "desc")
    throw invalidParameter("Invalid SortOrder: must be asc or desc.");
  const sign = sortOrder === "asc" ? 1 : -1;
  return secrets.sort((a, b) => {
    const left = key(a);
    const right = key(b);
    return left < right ? -sign : left > right ? sign : 0;
  });
}

/**
 * ListSecrets: filtered, sorted (CreatedDate by default), paged with `MaxResults` (1-100, default
 * 100) and `NextToken`. A token is bound to the filters and sort it was issued for.
 */
export function createListSecrets(ctx: SecretsManagerContext): OperationHandler {
  return (input) => {
    const filters = readFilters(readOptionalObjectList(input, "Filters") ?? []);
    const maxResults = readOptionalInteger(input, "MaxResults", 1, 100) ?? 100;
    const sortBy = readOptionalString(input, "SortBy") ?? "created-date";
    const sortOrder = readOptionalString(input, "SortOrder") ?? "asc";
    const scope = `ListSecrets:${JSON.stringify([filters, sortBy, sortOrder])}`;
    const offset = decodePageToken(scope, readOptionalString(input, "NextToken"));
    const matching = ctx.store.list().filter((secret) => matchesFilters(secret, filters));
    const { page, nextToken } = takePage(sortSecrets(matching, sortBy, sortOrder), scope, offset, maxResults);
    return { SecretList: page.map(secretListEntryView), ...(nextToken ? { NextToken: nextToken } : {}) };
  };
}
