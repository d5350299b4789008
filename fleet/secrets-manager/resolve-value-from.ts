import { AwsServiceError } from "../contracts.js";
import {
  initializationError,
  invalidSsmParameter,
  parseValueFrom,
  RESOURCE_INITIALIZATION_ERROR,
} from "./parse-value-from.js";
import { findSecret, requireSecret } from "./secret-arn.js";
import type { SecretsManagerContext } from "./secrets-manager-context.js";
import { recordAccess, selectVersion } from "./select-version.js";

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
 * Parameter Store's `/aws/reference/secretsmanager/<secret-id>`: the secret's AWSCURRENT string. A
 * missing secret (or one holding SecretBinary) is an invalid parameter, as SSM answers it.
 */
function readThroughParameterStore(ctx: SecretsManagerContext, parameterName: string, secretId: string) {
  const secret = findSecret(ctx.store, ctx.identity, secretId);
  const version = secret ? selectVersion(secret, {}) : undefined;
  if (!secret || version?.secretString === undefined) throw invalidSsmParameter(parameterName);
  recordAccess(secret, version, ctx.now());
  return version.secretString;
}

/**
 * What ECS injects for one container secret at task start. A Secrets Manager reference reads the
 * selected version's SecretString (default AWSCURRENT), or one field of it: every failure is a
 * ResourceInitializationError naming the reference, never the value. A Parameter Store parameter
 * reads a secret only through `/aws/reference/secretsmanager/`; any other parameter is one this
 * fleet does not hold (it has no Parameter Store), an InvalidParameters error naming it. Counts as
 * an access of the secret (LastAccessedDate).
 */
export function resolveValueFrom(ctx: SecretsManagerContext, valueFrom: string): string {
  const reference = parseValueFrom(valueFrom);
  if (reference.kind === "parameter") throw invalidSsmParameter(reference.parameterName);
  if (reference.kind === "parameter-store-reference")
    return readThroughParameterStore(ctx, reference.parameterName, reference.secretId);
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
