import type { EC2Client } from "@aws-sdk/client-ec2";
import { ECSClient } from "@aws-sdk/client-ecs";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

/**
 * Appended to every request's user agent, so CloudTrail (and the local fleet's call log) shows which
 * ECS and Secrets Manager calls, above all which UpdateService calls, the verifier made.
 */
export const productUserAgent = "ecs-rollout-verifier";

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
  /**
   * Loaded on first use: only bridge/host-mode tasks need EC2, and its client is the largest module
   * of the SDK (about 1 MB minified), so awsvpc fleets never pay for it at cold start.
   */
  readonly ec2: () => Promise<EC2Client>;
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
    customUserAgent: productUserAgent,
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  } as const;
  return {
    ecs: new ECSClient(config),
    ec2: lazyEc2Client(config),
    secrets: new SecretsManagerClient(config),
  };
}

function lazyEc2Client(config: {
  readonly retryMode: "adaptive";
  readonly region?: string;
  readonly maxAttempts?: number;
}) {
  let client: Promise<EC2Client> | undefined;
  return (): Promise<EC2Client> => {
    client ??= import("@aws-sdk/client-ec2").then(({ EC2Client: Client }) => new Client(config));
    return client;
  };
}
