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
  readonly currentCreatedDate?: Date;
  readonly lastChangedDate?: Date;
  readonly lastRotatedDate?: Date;
}

/**
 * DescribeSecret (accepts a name, partial or full ARN) then GetSecretValue by the explicit stage
 * AWSCURRENT, never "whatever is current" (caches and emulators differ on the implicit default).
 * The value's own version id wins if AWSCURRENT moved between the two calls.
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
  return {
    arn: description.arn,
    name: description.name,
    currentVersionId: value.versionId,
    previousVersionId: previous ?? null,
    secretString: value.secretString,
    ...(value.createdDate ? { currentCreatedDate: value.createdDate } : {}),
    ...(description.lastChangedDate ? { lastChangedDate: description.lastChangedDate } : {}),
    ...(description.lastRotatedDate ? { lastRotatedDate: description.lastRotatedDate } : {}),
  };
}
