/**
 * Names of the environment variables the verifier Lambda reads.
 * The CDK construct imports these to set them, so the two can never drift apart.
 */
export const ConfigEnv = {
  /** Comma-separated cluster names or ARNs to search; unset means every cluster of the account and region. */
  clusters: "VERIFIER_CLUSTERS",
  /** Comma-separated secret ARNs (or names) to watch; unset means whichever secret an event names. */
  watchedSecrets: "VERIFIER_WATCHED_SECRETS",
  /** `true` reports what would be done and changes nothing. Unset means act. */
  dryRun: "VERIFIER_DRY_RUN",
  /** Upper bound on forced deployments in one run. */
  maxRedeploysPerRun: "VERIFIER_MAX_REDEPLOYS_PER_RUN",
  /**
   * Minutes after a cut-over during which a completed deployment (created after it) re-verifies the
   * whole secret, forcing services a capped run left; 0 turns this off. Unset means 60 (the sweep's interval).
   */
  followUpWindowMinutes: "VERIFIER_FOLLOW_UP_WINDOW_MINUTES",
  /** When set (`key=value`), only services carrying this tag are force-deployed; others are `blocked`. */
  redeployTag: "VERIFIER_REDEPLOY_TAG",
  /** Per-request probe timeout in milliseconds. */
  probeTimeoutMs: "VERIFIER_PROBE_TIMEOUT_MS",
  /** How many task probes run at once. */
  probeConcurrency: "VERIFIER_PROBE_CONCURRENCY",
  /** Default probe path when a service has no `rollout-verifier:probe-path` tag; unset means no probe. */
  probePath: "VERIFIER_PROBE_PATH",
  /** Default `iss` claim of probe tokens. */
  probeIssuer: "VERIFIER_PROBE_ISSUER",
  /** Default `aud` claim of probe tokens. */
  probeAudience: "VERIFIER_PROBE_AUDIENCE",
  /** `false` turns off the negative probes (`alg: none`, wrong key). */
  securityProbes: "VERIFIER_SECURITY_PROBES",
  /** `false` skips the EC2 lookup of bridge/host-mode task addresses (no ec2:DescribeInstances grant). */
  bridgeAddresses: "VERIFIER_BRIDGE_ADDRESSES",
  /** How many AWS calls run at once. */
  awsConcurrency: "VERIFIER_AWS_CONCURRENCY",
  /** Deployment gate: longest wait (seconds) for green tasks to start and answer before it decides. */
  gateMaxWaitSeconds: "VERIFIER_GATE_MAX_WAIT_SECONDS",
  /** Deployment gate: `callBackDelay` (seconds) of an IN_PROGRESS answer. */
  gateCallBackDelaySeconds: "VERIFIER_GATE_CALLBACK_DELAY_SECONDS",
  /** Deployment gate: `open` (default) or `closed`, when the verifier cannot verify. */
  gateOnError: "VERIFIER_GATE_ON_ERROR",
} as const;

/** One of the verifier's environment variable names. */
export type ConfigEnvName = (typeof ConfigEnv)[keyof typeof ConfigEnv];
