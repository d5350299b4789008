import { SecretNoCurrentError } from "../../errors.js";
import type { SecretsPort } from "../ports.js";
import type { SecretDescription } from "../snapshots.js";

/** The watched secret, resolved: identity, versions and the AWSCURRENT material (never logged). */
export interface ResolvedSecret {
  readonly arn: string;
  readonly name: string;
  readonly currentVersionId: string;
  readonly previousVersionId: string | null;
  /** Key material: pass to the signer and to `fingerprintKey`, nowhere else. */
  readonly secretString: string;
  /** AWSPREVIOUS material for the control token, or null (no AWSPREVIOUS, or unreadable). Never logged. */
  readonly previousSecretString: string | null;
  readonly currentCreatedDate?: Date;
  readonly lastChangedDate?: Date;
  readonly lastRotatedDate?: Date;
}

/**
 * The watched secret for a rotation run: its value when GetSecretValue answers, else what
 * DescribeSecret alone gives (identity, versions, dates: enough for the cut-over and the task
 * timestamps) and the error, so the run can still report every consumer task before it fails.
 */
export type SecretResolution =
  | { readonly kind: "readable"; readonly secret: ResolvedSecret }
  | {
      readonly kind: "value-unreadable";
      /** `secretString` is empty and `previousSecretString` null: nothing can be signed with it. */
      readonly secret: ResolvedSecret;
      readonly error: unknown;
    };

/**
 * Like `resolveSecret`, but a failed read of the AWSCURRENT value is a value, not a throw: a
 * missing secret or one without AWSCURRENT still throws (there is nothing to verify against).
 */
export async function resolveSecretForRun(secrets: SecretsPort, secretId: string): Promise<SecretResolution> {
  const description = await secrets.describeSecret(secretId);
  currentVersionOf(description); // no AWSCURRENT: throws, before any read of a value
  try {
    return { kind: "readable", secret: await readSecret(secrets, description) };
  } catch (error) {
    return { kind: "value-unreadable", secret: describedOnly(description), error };
  }
}

/**
 * DescribeSecret (accepts a name, partial or full ARN) then GetSecretValue by the explicit stage
 * AWSCURRENT, never "whatever is current" (caches and emulators differ on the implicit default).
 * The value's own version id wins if AWSCURRENT moved between the two calls. AWSPREVIOUS is read
 * by its version id for the control token; if it cannot be read, probes go without one.
 */
export async function resolveSecret(secrets: SecretsPort, secretId: string): Promise<ResolvedSecret> {
  const description = await secrets.describeSecret(secretId);
  currentVersionOf(description); // no AWSCURRENT: throws, before any read of a value
  return readSecret(secrets, description);
}

/** Reads AWSCURRENT's value and AWSPREVIOUS's; the caller has checked that AWSCURRENT exists. */
async function readSecret(secrets: SecretsPort, description: SecretDescription): Promise<ResolvedSecret> {
  const stages = Object.entries(description.versionIdsToStages);
  const value = await secrets.getSecretValue(description.arn, { versionStage: "AWSCURRENT" });
  const previous = stages.find(
    ([id, labels]) => labels.includes("AWSPREVIOUS") && id !== value.versionId,
  )?.[0];
  const previousSecretString =
    previous === undefined ? null : await readPrevious(secrets, description.arn, previous);
  return {
    arn: description.arn,
    name: description.name,
    currentVersionId: value.versionId,
    previousVersionId: previous ?? null,
    secretString: value.secretString,
    previousSecretString,
    ...(value.createdDate ? { currentCreatedDate: value.createdDate } : {}),
    ...(description.lastChangedDate ? { lastChangedDate: description.lastChangedDate } : {}),
    ...(description.lastRotatedDate ? { lastRotatedDate: description.lastRotatedDate } : {}),
  };
}

async function readPrevious(secrets: SecretsPort, arn: string, versionId: string): Promise<string | null> {
  try {
    const value = await secrets.getSecretValue(arn, { versionId });
    return value.versionId === versionId ? value.secretString : null;
  } catch {
    // Without a control token a rejection proves nothing by itself: verdicts fall back to timestamps.
    return null;
  }
}

/** The AWSCURRENT version id DescribeSecret names, or SecretNoCurrentError. */
function currentVersionOf(description: SecretDescription): string {
  const current = Object.entries(description.versionIdsToStages).find(([, labels]) =>
    labels.includes("AWSCURRENT"),
  )?.[0];
  if (current === undefined)
    throw new SecretNoCurrentError(`secret ${description.arn} has no version labelled AWSCURRENT`);
  return current;
}

/** The secret as DescribeSecret alone gives it: no value, so no material to sign or fingerprint. */
function describedOnly(description: SecretDescription): ResolvedSecret {
  const current = currentVersionOf(description);
  const previous = Object.entries(description.versionIdsToStages).find(
    ([id, labels]) => labels.includes("AWSPREVIOUS") && id !== current,
  )?.[0];
  return {
    arn: description.arn,
    name: description.name,
    currentVersionId: current,
    previousVersionId: previous ?? null,
    secretString: "",
    previousSecretString: null,
    ...(description.lastChangedDate ? { lastChangedDate: description.lastChangedDate } : {}),
    ...(description.lastRotatedDate ? { lastRotatedDate: description.lastRotatedDate } : {}),
  };
}
