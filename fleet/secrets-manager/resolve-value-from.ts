import { AwsServiceError } from "../contracts.js";
import { requireSecret } from "./secret-arn.js";
import type { SecretsManagerContext } from "./secrets-manager-context.js";
import { recordAccess, selectVersion } from "./select-version.js";

/** The type of every failure to resolve a container secret, as ECS reports a task that cannot start. */
export const RESOURCE_INITIALIZATION_ERROR = "ResourceInitializationError";

/**
 * Parameter Store's reference to a Secrets Manager secret, as a parameter name or ARN: it hands the
 * container the secret's AWSCURRENT, like a direct reference.
 */
const PARAMETER_STORE_REFERENCE =
  /^(?:arn:[^:]+:ssm:[^:]*:[^:]*:parameter)?\/aws\/reference\/secretsmanager\/([^:]+)$/;

/** A parsed `valueFrom`: the secret id (ARN, partial ARN or name) and the optional ECS suffix fields. */
export interface ValueFromReference {
  readonly secretId: string;
  readonly jsonKey?: string;
  readonly versionStage?: string;
  readonly versionId?: string;
}

function initializationError(valueFrom: string, reason: string, cause?: unknown): AwsServiceError {
  const message = `ResourceInitializationError: unable to pull secrets or registry auth: unable to retrieve secret from asm: ${reason} (valueFrom ${valueFrom})`;
  return Object.assign(new AwsServiceError(RESOURCE_INITIALIZATION_ERROR, message), cause ? { cause } : {});
}

/**
 * Splits `arn:aws:secretsmanager:<region>:<acct>:secret:<name>[:json-key[:version-stage[:version-id]]]`:
 * fields 0-6 are the ARN (secret names cannot contain `:`), 7-9 the options, empty meaning unset.
 * Anything not starting with `arn:` is a plain secret name without options.
 */
export function parseValueFrom(valueFrom: string): ValueFromReference {
  const reference = PARAMETER_STORE_REFERENCE.exec(valueFrom);
  if (reference?.[1]) return { secretId: reference[1] };
  if (!valueFrom.startsWith("arn:")) return { secretId: valueFrom };
  const fields = valueFrom.split(":");
  if (fields.length < 7 || fields.length > 10)
    throw initializationError(valueFrom, "invalid secret ARN format");
  const [jsonKey, versionStage, versionId] = fields
    .slice(7)
    .map((field) => (field === "" ? undefined : field));
  if (versionStage && versionId) {
    throw initializationError(valueFrom, "specify either a version stage or a version id, not both");
  }
  return { secretId: fields.slice(0, 7).join(":"), jsonKey, versionStage, versionId };
}

function pickJsonKey(valueFrom: string, secretString: string, jsonKey: string): string {
  let doc: unknown;
  try {
    doc = JSON.parse(secretString);
  } catch (error) {
    throw initializationError(
      valueFrom,
      `the secret value is not JSON, so json key ${jsonKey} cannot be read`,
      error,
    );
  }
  const field =
    typeof doc === "object" && doc !== null && !Array.isArray(doc)
      ? (doc as Record<string, unknown>)[jsonKey]
      : undefined;
  if (field === undefined)
    throw initializationError(
      valueFrom,
      `retrieved secret from Secrets Manager did not contain json key ${jsonKey}`,
    );
  return typeof field === "string" ? field : JSON.stringify(field);
}

/**
 * What ECS injects for one container secret at task start: the selected version's SecretString,
 * or one field of it. Default AWSCURRENT. Every failure is a ResourceInitializationError naming the
 * reference, never the value. Counts as an access of the secret (LastAccessedDate).
 */
export function resolveValueFrom(ctx: SecretsManagerContext, valueFrom: string): string {
  const reference = parseValueFrom(valueFrom);
  try {
    const secret = requireSecret(ctx.store, ctx.identity, reference.secretId);
    const version = selectVersion(secret, reference);
    recordAccess(secret, version, ctx.now());
    if (version.secretString === undefined) {
      throw initializationError(valueFrom, "the secret holds SecretBinary, which ECS cannot inject");
    }
    return reference.jsonKey
      ? pickJsonKey(valueFrom, version.secretString, reference.jsonKey)
      : version.secretString;
  } catch (error) {
    if (error instanceof AwsServiceError && error.type !== RESOURCE_INITIALIZATION_ERROR) {
      throw initializationError(valueFrom, `${error.type}: ${error.message}`, error);
    }
    throw error;
  }
}
