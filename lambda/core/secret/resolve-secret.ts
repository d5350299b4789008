import { SecretNoCurrentError } from "../../errors.js";
import type { SecretsPort } from "../ports.js";

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
 * DescribeSecret (accepts a name, partial or full ARN) then GetSecretValue by the explicit stage
 * AWSCURRENT, never "whatever is current" (caches and emulators differ on the implicit default).
 * The value's own version id wins if AWSCURRENT moved between the two calls. AWSPREVIOUS is read
 * by its version id for the control token; if it cannot be read, probes go without one.
 */
export async function resolveSecret(secrets: SecretsPort, secretId: string): Promise<ResolvedSecret> {
  const description = await secrets.describeSecret(secretId);
  const stages = Object.entries(description.versionIdsToStages);
  const described = stages.find(([, labels]) => labels.includes("AWSCURRENT"))?.[0];
  if (described === undefined)
    throw new SecretNoCurrentError(`secret ${description.arn} has no version labelled AWSCURRENT`);
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
