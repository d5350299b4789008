import { AwsServiceError } from "../contracts.js";

/** The type of every failure to resolve a container secret, as ECS reports a task that cannot start. */
export const RESOURCE_INITIALIZATION_ERROR = "ResourceInitializationError";

/**
 * The type of a failure to read a Parameter Store parameter: SSM's GetParameters answers unknown
 * names in `InvalidParameters`, which the ECS agent reports as "invalid ssm parameters: <name>".
 * The message of such an error is the parameter name alone.
 */
export const INVALID_SSM_PARAMETERS = "InvalidParameters";

/** Parameter Store's reserved path that hands out a Secrets Manager secret (AWSCURRENT). */
const SECRETS_MANAGER_REFERENCE = /^\/aws\/reference\/secretsmanager\/([^:]+)$/;

/**
 * A `secrets[].valueFrom`, classified as ECS reads it (API reference, `Secret.valueFrom`): a Secrets
 * Manager ARN (full or partial) with the optional `:json-key:version-stage:version-id`; otherwise a
 * Parameter Store parameter, by ARN or, in the task's Region, by bare name. A parameter reaches a
 * secret only through `/aws/reference/secretsmanager/<secret-id>`.
 */
export type ValueFromReference =
  | {
      readonly kind: "secrets-manager";
      readonly secretId: string;
      readonly jsonKey?: string;
      readonly versionStage?: string;
      readonly versionId?: string;
    }
  | { readonly kind: "parameter-store-reference"; readonly parameterName: string; readonly secretId: string }
  | { readonly kind: "parameter"; readonly parameterName: string };

/** A failure to read a Secrets Manager reference; `reason` names the reference, never a value. */
export function initializationError(valueFrom: string, reason: string, cause?: unknown): AwsServiceError {
  const message = `ResourceInitializationError: unable to pull secrets or registry auth: unable to retrieve secret from asm: ${reason} (valueFrom ${valueFrom})`;
  return Object.assign(new AwsServiceError(RESOURCE_INITIALIZATION_ERROR, message), cause ? { cause } : {});
}

/** A parameter the fleet's Parameter Store does not hold (it holds only the Secrets Manager references). */
export function invalidSsmParameter(parameterName: string): AwsServiceError {
  return new AwsServiceError(INVALID_SSM_PARAMETERS, parameterName);
}

/** `arn:<partition>:ssm:<region>:<account>:parameter/<name>` → the parameter name (`/a/b` or `name`). */
function parameterNameOfArn(fields: readonly string[]): string {
  const resource = fields.slice(5).join(":");
  const path = resource.startsWith("parameter/") ? resource.slice("parameter/".length) : resource;
  return path.includes("/") ? `/${path}` : path;
}

function parameter(parameterName: string): ValueFromReference {
  const reference = SECRETS_MANAGER_REFERENCE.exec(parameterName);
  return reference?.[1]
    ? { kind: "parameter-store-reference", parameterName, secretId: reference[1] }
    : { kind: "parameter", parameterName };
}

/**
 * Classifies `valueFrom`. A Secrets Manager ARN splits into fields 0-6 (the ARN; secret names cannot
 * contain `:`) and 7-9 (the options, empty meaning unset). Anything not an ARN is a parameter name,
 * never a secret name. Throws a ResourceInitializationError for a malformed Secrets Manager reference.
 */
export function parseValueFrom(valueFrom: string): ValueFromReference {
  if (!valueFrom.startsWith("arn:")) return parameter(valueFrom);
  const fields = valueFrom.split(":");
  if (fields[2] === "ssm") return parameter(parameterNameOfArn(fields));
  if (fields[2] !== "secretsmanager" || fields.length < 7 || fields.length > 10)
    throw initializationError(valueFrom, "invalid secret ARN format");
  const [jsonKey, versionStage, versionId] = fields
    .slice(7)
    .map((field) => (field === "" ? undefined : field));
  if (versionStage && versionId) {
    throw initializationError(valueFrom, "specify either a version stage or a version id, not both");
  }
  return {
    kind: "secrets-manager",
    secretId: fields.slice(0, 7).join(":"),
    jsonKey,
    versionStage,
    versionId,
  };
}
