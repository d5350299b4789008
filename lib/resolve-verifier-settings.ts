import { Duration, Token } from "aws-cdk-lib";
import { Port, SubnetType } from "aws-cdk-lib/aws-ec2";
import { Schedule } from "aws-cdk-lib/aws-events";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { RolloutVerifierPropsError } from "./rollout-verifier-error.js";
import type { RolloutVerifierProps } from "./rollout-verifier-props.js";

/** The tag (and value) a service must carry to be force-deployed when `requireRedeployTag` is on. */
export const RedeployTag = { key: "rollout-verifier:redeploy", value: "true" } as const;

/** Props with every default applied and every value checked: what the construct builds from. */
export type VerifierSettings = Required<Omit<RolloutVerifierProps, OptionalSetting>> &
  Pick<RolloutVerifierProps, OptionalSetting>;

/** Props whose absence means "none" rather than a default value. */
type OptionalSetting =
  | "clusters"
  | "securityGroups"
  | "alarmTopic"
  | "alarmEmail"
  | "probePath"
  | "probeIssuer"
  | "probeAudience"
  | "taskLogGroups";

const maxLambdaTimeout = Duration.minutes(15);

/**
 * Applies the documented defaults and validates eagerly, so a bad value fails `cdk synth` with the
 * prop's name and what to do instead of failing the first rotation in production.
 */
export function resolveVerifierSettings(props: RolloutVerifierProps): VerifierSettings {
  const settings: VerifierSettings = {
    ...props,
    vpcSubnets: props.vpcSubnets ?? { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
    taskSecurityGroups: props.taskSecurityGroups ?? [],
    probePorts: props.probePorts ?? Port.tcp(8080),
    probeTimeout: props.probeTimeout ?? Duration.seconds(2),
    probeConcurrency: props.probeConcurrency ?? 16,
    awsConcurrency: props.awsConcurrency ?? 8,
    securityProbes: props.securityProbes ?? true,
    dryRun: props.dryRun ?? false,
    maxRedeploysPerRun: props.maxRedeploysPerRun ?? 25,
    followUpWindow: props.followUpWindow ?? Duration.hours(1),
    requireRedeployTag: props.requireRedeployTag ?? true,
    bridgeNetworking: props.bridgeNetworking ?? false,
    cloudTrailFallbacks: props.cloudTrailFallbacks ?? false,
    sweepSchedule: props.sweepSchedule ?? Schedule.rate(Duration.hours(1)),
    logRetention: props.logRetention ?? RetentionDays.THREE_MONTHS,
    timeout: props.timeout ?? Duration.minutes(5),
    memorySize: props.memorySize ?? 256,
    gateOnError: props.gateOnError ?? "open",
    gateMaxWait: props.gateMaxWait ?? Duration.minutes(5),
    gateCallBackDelay: props.gateCallBackDelay ?? Duration.seconds(15),
  };
  validateSettings(settings);
  return settings;
}

function validateSettings(settings: VerifierSettings): void {
  if (settings.secrets.length === 0)
    throw new RolloutVerifierPropsError(
      "secrets",
      "give at least one secret to watch (Secret.fromSecretCompleteArn)",
    );
  if (settings.clusters?.length === 0)
    throw new RolloutVerifierPropsError(
      "clusters",
      "an empty list watches nothing; omit it to watch every cluster",
    );
  requireInteger("maxRedeploysPerRun", settings.maxRedeploysPerRun, 0, 1000);
  requireInteger("followUpWindow", settings.followUpWindow.toMinutes({ integral: false }), 0, 1440);
  requireInteger("probeConcurrency", settings.probeConcurrency, 1, 256);
  requireInteger("awsConcurrency", settings.awsConcurrency, 1, 64);
  requireInteger("memorySize", settings.memorySize, 128, 10240);
  requireInteger("gateMaxWait", settings.gateMaxWait.toSeconds({ integral: false }), 0, 86_400);
  requireInteger("gateCallBackDelay", settings.gateCallBackDelay.toSeconds({ integral: false }), 1, 900);
  if (settings.gateOnError !== "open" && settings.gateOnError !== "closed")
    throw new RolloutVerifierPropsError(
      "gateOnError",
      `must be "open" or "closed", got "${settings.gateOnError}"`,
    );
  const timeout = settings.timeout.toSeconds();
  if (!Token.isUnresolved(timeout) && (timeout < 30 || timeout > maxLambdaTimeout.toSeconds()))
    throw new RolloutVerifierPropsError("timeout", `must be between 30 s and 15 min, got ${timeout} s`);
  const probeMs = settings.probeTimeout.toMilliseconds();
  if (probeMs < 100 || probeMs >= timeout * 1000)
    throw new RolloutVerifierPropsError(
      "probeTimeout",
      `must be at least 100 ms and below the function timeout, got ${probeMs} ms`,
    );
  if (settings.probePath !== undefined && !settings.probePath.startsWith("/"))
    throw new RolloutVerifierPropsError("probePath", `must start with "/", got "${settings.probePath}"`);
}

function requireInteger(prop: string, value: number, min: number, max: number): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RolloutVerifierPropsError(prop, `must be an integer from ${min} to ${max}, got ${value}`);
}
