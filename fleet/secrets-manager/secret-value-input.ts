import { invalidParameter } from "./secret-errors.js";
import { readOptionalString } from "./wire-format.js";

/** A secret value as a request carries it: a string, or binary as base64 (never both). */
export type SecretValueInput =
  | { readonly secretString: string; readonly secretBinary?: undefined }
  | { readonly secretBinary: string; readonly secretString?: undefined };

/** Reads `SecretString`/`SecretBinary`; undefined when neither is given, InvalidParameterException for both. */
export function readSecretValue(input: Record<string, unknown>): SecretValueInput | undefined {
  const secretString = readOptionalString(input, "SecretString");
  const secretBinary = readOptionalString(input, "SecretBinary");
  if (secretString !== undefined && secretBinary !== undefined) {
    throw invalidParameter(
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  if (secretString !== undefined) return { secretString };
  if (secretBinary !== undefined) return { secretBinary };
  return undefined;
}

/** Whether a stored version holds exactly this value (the idempotency test for a reused token). */
export function sameValue(
  stored: { readonly secretString?: string; readonly secretBinary?: string },
  value: SecretValueInput | undefined,
): boolean {
  return stored.secretString === value?.secretString && stored.secretBinary === value?.secretBinary;
}
