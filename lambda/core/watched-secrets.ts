import { AwsCallError, SecretNotFoundError } from "../errors.js";
import { parseValueFrom } from "./parse-value-from.js";
import type { SecretsPort } from "./ports.js";

/** Secrets Manager appends `-` and six random characters to a secret's name to form its ARN. */
const randomSuffix = /-[A-Za-z0-9]{6}$/;

/**
 * True when `secretId` (an ARN, partial ARN or name, as an event or a task definition gives it)
 * is one of `watched` (ARNs, partial ARNs or names). No watch list means every secret is watched.
 * Matching is done on the forms both sides can be written in, without an AWS call; only when
 * the forms cannot settle it (a name or partial ARN against a full ARN) does DescribeSecret
 * resolve the secret. A secret that does not exist, or that the verifier may not describe, is
 * not watched (it cannot be verified anyway); any other failure is rethrown.
 */
export async function isWatched(
  secretId: string,
  watched: readonly string[] | undefined,
  secrets: SecretsPort,
): Promise<boolean> {
  if (!watched) return true;
  const own = formsOf(secretId);
  if (watched.some((entry) => formsOf(entry).some((form) => own.includes(form)))) return true;
  if (isFullArn(secretId) || !watched.some(isFullArn)) return false;
  try {
    const description = await secrets.describeSecret(secretId);
    const resolved = [...formsOf(description.arn), description.name];
    return watched.some((entry) => formsOf(entry).some((form) => resolved.includes(form)));
  } catch (error) {
    if (error instanceof SecretNotFoundError) return false;
    if (error instanceof AwsCallError && error.awsErrorName === "AccessDeniedException") return false;
    throw error;
  }
}

/** The ways one secret reference can be written: as given, and for a full ARN its partial ARN and name. */
function formsOf(reference: string): string[] {
  const ref = safeParse(reference);
  if (ref?.kind !== "secretsmanager") return [reference];
  const name = ref.secretName.replace(randomSuffix, "");
  const partial = `arn:${ref.partition}:secretsmanager:${ref.region}:${ref.account}:secret:${name}`;
  return [...new Set([ref.arn, partial, ref.secretName, name])];
}

function isFullArn(reference: string): boolean {
  const ref = safeParse(reference);
  return ref?.kind === "secretsmanager" && randomSuffix.test(ref.secretName);
}

function safeParse(reference: string) {
  try {
    return parseValueFrom(reference);
  } catch {
    return null;
  }
}
