import { EC2Client } from "@aws-sdk/client-ec2";
import { ECSClient } from "@aws-sdk/client-ecs";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

/** Options for the SDK clients the verifier uses. */
export interface AwsClientOptions {
  /** @default the SDK's region chain (`AWS_REGION`, profile...) */
  readonly region?: string;
  /** Attempts per call, first one included. @default the SDK default (3) */
  readonly maxAttempts?: number;
}

/** The three clients the adapters take. */
export interface AwsClients {
  readonly ecs: ECSClient;
  readonly ec2: EC2Client;
  readonly secrets: SecretsManagerClient;
}

/**
 * Builds the clients with adaptive retry, so that a sweep across many clusters backs off under
 * ECS throttling instead of failing. Endpoints come only from the SDK's standard configuration
 * (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_ECS`, ...): the product has no test-only endpoint path.
 * Create them once, at module scope.
 */
export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
  const config = {
    retryMode: "adaptive",
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  } as const;
  return {
    ecs: new ECSClient(config),
    ec2: new EC2Client(config),
    secrets: new SecretsManagerClient(config),
  };
}
