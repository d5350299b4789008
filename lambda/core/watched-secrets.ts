import { matchesSecret, parseValueFrom } from "./parse-value-from.js";
import type { SecretsPort } from "./ports.js";

/**
 * True when `secretId` (an ARN, partial ARN or name, as an event gives it) is one of `watched`
 * (ARNs, partial ARNs or names). No watch list means every secret is watched. A literal match needs
 * no AWS call; otherwise DescribeSecret resolves the secret's ARN and name once and each entry is
 * compared against both (partial ARNs included).
 */
export async function isWatched(
  secretId: string,
  watched: readonly string[] | undefined,
  secrets: SecretsPort,
): Promise<boolean> {
  if (!watched) return true;
  if (watched.includes(secretId)) return true;
  const description = await secrets.describeSecret(secretId);
  const identity = { arn: description.arn, name: description.name };
  return watched.some((entry) => {
    if (entry === identity.arn || entry === identity.name) return true;
    const ref = entry.startsWith("arn:") ? safeParse(entry) : null;
    return ref !== null && matchesSecret(ref, identity);
  });
}

function safeParse(entry: string) {
  try {
    return parseValueFrom(entry);
  } catch {
    return null;
  }
}
