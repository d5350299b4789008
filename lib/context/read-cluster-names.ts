import { AwsIdFormat, parseArn } from "./aws-id-formats.js";
import { type ContextField, type ContextReader, fail, readList, readString } from "./context-readers.js";
import type { StackPlace } from "./read-secrets-context.js";

/**
 * Reads `clusters`: names or cluster ARNs, normalized to names (the policy and the function
 * build ARNs from names, so an ARN kept as given would nest inside another ARN and match nothing).
 * A cluster named twice, by name and by ARN, is kept once. An empty value fails: it would silently
 * widen the verifier to every cluster of the account.
 */
export function readClusterNames(place: StackPlace): ContextReader<string[]> {
  const list = readList(
    (field, value) => toClusterName(field, value, place),
    "an empty list would watch every cluster of the account; name the clusters, or remove the key to watch them all",
  );
  return (field, value) => [...new Set(list(field, value))];
}

function toClusterName(field: ContextField, value: unknown, place: StackPlace): string {
  const text = readString(field, value);
  if (!text.startsWith("arn:")) {
    if (!AwsIdFormat.clusterName.test(text))
      fail(field, `"${text}" is neither a cluster name (letters, digits, - and _) nor a cluster ARN`);
    return text;
  }
  const parsed = parseArn(text);
  const name =
    parsed?.service === "ecs" ? /^cluster\/([A-Za-z0-9_-]{1,255})$/.exec(parsed.resource)?.[1] : undefined;
  if (!parsed || name === undefined)
    fail(field, `"${text}" is not a cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>)`);
  if (parsed.account !== place.account || parsed.region !== place.region)
    fail(
      field,
      `cluster "${text}" is not in the stack's account ${place.account} and region ${place.region}, where the function calls ECS`,
    );
  return name;
}
