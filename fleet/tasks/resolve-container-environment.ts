import type { SecretResolver } from "../contracts.js";
import { AwsServiceError } from "../contracts.js";
import { INVALID_SSM_PARAMETERS } from "../secrets-manager/parse-value-from.js";

/** The part of a container definition that becomes its process environment. */
export interface ContainerEnvSource {
  readonly environment?: readonly { name?: string; value?: string }[];
  readonly secrets?: readonly { name: string; valueFrom: string }[];
}

/** The environment a container starts with, or why ECS could not build it. */
export type ContainerEnvOutcome =
  | { readonly kind: "resolved"; readonly env: Record<string, string> }
  | { readonly kind: "failed"; readonly reason: string };

/**
 * Builds the container environment exactly once, at start: plain `environment` first, then
 * each `secrets[].valueFrom` through the fleet's Secrets Manager or Parameter Store (secrets win
 * on a name clash, as on ECS). The reason on failure mirrors the ECS agent's (`unable to retrieve
 * secret from asm` or `... secrets from ssm: ... invalid ssm parameters: <name>`) and never
 * contains a secret value.
 */
export function resolveContainerEnvironment(
  container: ContainerEnvSource,
  resolver: SecretResolver,
): ContainerEnvOutcome {
  const env: Record<string, string> = {};
  for (const pair of container.environment ?? []) {
    if (pair.name) env[pair.name] = pair.value ?? "";
  }
  for (const secret of container.secrets ?? []) {
    try {
      env[secret.name] = resolver.resolveValueFrom(secret.valueFrom);
    } catch (error) {
      return { kind: "failed", reason: secretFailureReason(secret.valueFrom, error) };
    }
  }
  return { kind: "resolved", env };
}

function secretFailureReason(valueFrom: string, error: unknown): string {
  const prefix =
    "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: ";
  if (error instanceof AwsServiceError && error.type === INVALID_SSM_PARAMETERS) {
    return `${prefix}unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: ${error.message}`;
  }
  const cause =
    error instanceof AwsServiceError
      ? `${error.type}: ${error.message}`
      : "unexpected error resolving the secret";
  return (
    `${prefix}unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${valueFrom} ` +
    `from secrets manager: ${cause}`
  );
}
