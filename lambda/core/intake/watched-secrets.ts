import { parseValueFrom } from "../consumers/parse-value-from.js";

/** Secrets Manager appends `-` and six random characters to a secret's name to form its ARN. */
const randomSuffix = /-[A-Za-z0-9]{6}$/;

/**
 * True when `secretId` (an ARN, partial ARN or name, as an event or a task definition gives it)
 * is one of `watched` (ARNs, partial ARNs or names). No watch list means every secret is watched.
 * Both sides are compared in every form they can be written in (full ARN, partial ARN, name), so no
 * AWS call is needed; the engine's DescribeSecret resolves the secret itself afterwards.
 * Known limit (AWS documents it): a name that itself ends in `-` plus six characters can be taken
 * for a suffixed one, so `watched: ["app/key"]` also admits a secret named `app/key-AbCdEf`.
 */
export function isWatched(secretId: string, watched: readonly string[] | undefined): boolean {
  if (!watched) return true;
  return watched.some((entry) => sameSecret(formsOf(secretId), formsOf(entry)));
}

interface Forms {
  /** Full and partial ARN; empty for a bare name. */
  readonly arns: readonly string[];
  /** The name, with and without a trailing random suffix. */
  readonly names: readonly string[];
}

/** ARNs compare with ARNs (same partition, region, account); a bare name compares with names. */
function sameSecret(a: Forms, b: Forms): boolean {
  if (a.arns.length > 0 && b.arns.length > 0) return a.arns.some((arn) => b.arns.includes(arn));
  return a.names.some((name) => b.names.includes(name));
}

function formsOf(reference: string): Forms {
  const ref = safeParse(reference);
  if (ref?.kind !== "secretsmanager") return { arns: [], names: [reference] };
  const name = ref.secretName.replace(randomSuffix, "");
  const partial = `arn:${ref.partition}:secretsmanager:${ref.region}:${ref.account}:secret:${name}`;
  return { arns: [...new Set([ref.arn, partial])], names: [...new Set([ref.secretName, name])] };
}

function safeParse(reference: string) {
  try {
    return parseValueFrom(reference);
  } catch {
    return null;
  }
}
