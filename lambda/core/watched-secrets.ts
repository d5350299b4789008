import { parseValueFrom } from "./parse-value-from.js";

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
  const own = formsOf(secretId);
  return watched.some((entry) => formsOf(entry).some((form) => own.includes(form)));
}

/** The ways one secret can be written: as given, and for an ARN its full/partial forms and name. */
function formsOf(reference: string): string[] {
  const ref = safeParse(reference);
  if (ref?.kind !== "secretsmanager") return [reference];
  const name = ref.secretName.replace(randomSuffix, "");
  const partial = `arn:${ref.partition}:secretsmanager:${ref.region}:${ref.account}:secret:${name}`;
  return [...new Set([ref.arn, partial, ref.secretName, name])];
}

function safeParse(reference: string) {
  try {
    return parseValueFrom(reference);
  } catch {
    return null;
  }
}
