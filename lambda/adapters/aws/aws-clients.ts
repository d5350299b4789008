import type { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
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
  /** A named profile (the CLI's `--profile`). @default the SDK's credential chain */
  readonly profile?: string;
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
  /** Loaded on first use: only runs without an exact event time read CloudTrail's event history. */
  readonly cloudTrail: () => Promise<CloudTrailClient>;
  /** Loaded on first use: only services tagged `rollout-verifier:fingerprint-log` read their tasks' logs. */
  readonly logs: () => Promise<CloudWatchLogsClient>;
}

/**
 * The configuration every SDK client of the verifier gets, in the Lambda and in the CLI. One attempt
 * per request: the SDK would retry UpdateService (which has no client token) after a lost response
 * and so start a second deployment, and its retries know nothing of the run's deadline. Every retry
 * is decided by the adapters' caller instead (`createAwsCaller`): reads back off with jitter under
 * throttling within the run's budget; UpdateService is repeated only after an explicit throttle.
 */
export function sdkClientConfig(options: AwsClientOptions = {}) {
  return {
    maxAttempts: 1,
    customUserAgent: productUserAgent,
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
  } as const;
}

/**
 * Builds the clients. Endpoints come only from the SDK's standard configuration (`AWS_ENDPOINT_URL`,
 * `AWS_ENDPOINT_URL_ECS`, ...): the product has no test-only endpoint path. Create them once, at
 * module scope.
 */
export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
  const config = sdkClientConfig(options);
  let ec2: Promise<EC2Client> | undefined;
  let cloudTrail: Promise<CloudTrailClient> | undefined;
  let logs: Promise<CloudWatchLogsClient> | undefined;
  return {
    ecs: new ECSClient(config),
    ec2: () => {
      ec2 ??= import("@aws-sdk/client-ec2").then(({ EC2Client: Client }) => new Client(config));
      return ec2;
    },
    secrets: new SecretsManagerClient(config),
    cloudTrail: () => {
      cloudTrail ??= import("@aws-sdk/client-cloudtrail").then(
        ({ CloudTrailClient: Client }) => new Client(config),
      );
      return cloudTrail;
    },
    logs: () => {
      logs ??= import("@aws-sdk/client-cloudwatch-logs").then(
        ({ CloudWatchLogsClient: Client }) => new Client(config),
      );
      return logs;
    },
  };
}
