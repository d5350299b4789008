import { Duration } from "aws-cdk-lib";
import { GateFailurePolicy } from "../lambda/core/gate/gate-types.js";
import { AwsIdFormat } from "./context/aws-id-formats.js";
import type { ContextLookup } from "./context/context-entry.js";
import {
  type ContextReader,
  readBoolean,
  readInteger,
  readList,
  readMatching,
  readOneOf,
  readString,
} from "./context/context-readers.js";
import { readClusterNames } from "./context/read-cluster-names.js";
import { readSecretsContext, type SecretContext } from "./context/read-secrets-context.js";
import {
  readDuration,
  readPortRange,
  readRetentionDays,
  readSchedule,
  readTopicArn,
} from "./context/read-setting-values.js";
import { rejectUnknownKeys } from "./context/reject-unknown-keys.js";
import { StackContextError } from "./rollout-verifier-error.js";

export type { SecretContext } from "./context/read-secrets-context.js";

/**
 * The stack's inputs from `cdk.json` context (or `-c key=value`), checked and typed. Each key is the
 * `RolloutVerifier` prop of the same name, in the form JSON can hold: ids and ARNs for imported
 * resources, `"30 minutes"` for a Duration, days for a retention; `account` and `region` are the
 * stack's `env`, and `alarmEmail` subscribes an address to the alarm topic.
 */
export interface StackContext {
  readonly account: string;
  readonly region: string;
  /** VPC id. */
  readonly vpc: string;
  /** Subnet ids. */
  readonly vpcSubnets: readonly string[];
  /** Security group ids of the function. */
  readonly securityGroups?: readonly string[];
  /** Security group ids of the tasks. */
  readonly taskSecurityGroups?: readonly string[];
  /** `8080` or `32768-65535`. */
  readonly probePorts?: string;
  readonly secrets: readonly SecretContext[];
  /** Cluster names (ARNs given in the context are normalized to names). */
  readonly clusters?: readonly string[];
  readonly cloudTrailFallbacks?: boolean;
  readonly dryRun?: boolean;
  readonly requireRedeployTag?: boolean;
  readonly bridgeNetworking?: boolean;
  /** CloudWatch Logs group names the watched task definitions log to. */
  readonly taskLogGroups?: readonly string[];
  readonly securityProbes?: boolean;
  readonly maxRedeploysPerRun?: number;
  readonly followUpWindow?: Duration;
  readonly probePath?: string;
  readonly probeIssuer?: string;
  readonly probeAudience?: string;
  readonly probeTimeout?: Duration;
  readonly probeConcurrency?: number;
  readonly awsConcurrency?: number;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  readonly gateOnError?: GateFailurePolicy;
  readonly gateMaxWait?: Duration;
  readonly gateCallBackDelay?: Duration;
  /** An EventBridge schedule expression, `rate(...)` or `cron(...)`. */
  readonly sweepSchedule?: string;
  /** SNS topic ARN. */
  readonly alarmTopic?: string;
  readonly alarmEmail?: string;
  /** Days, one of the retentions CloudWatch Logs accepts. */
  readonly logRetention?: number;
}

/**
 * Every key the stack reads: anything else an operator sets is a typo that would be silently ignored.
 * docs/configuration.md's Settings table lists exactly these (test/infra/configuration-docs.test.ts).
 */
export const StackContextKeys = [
  "account",
  "region",
  "vpc",
  "vpcSubnets",
  "securityGroups",
  "taskSecurityGroups",
  "probePorts",
  "secrets",
  "clusters",
  "cloudTrailFallbacks",
  "dryRun",
  "requireRedeployTag",
  "bridgeNetworking",
  "taskLogGroups",
  "securityProbes",
  "maxRedeploysPerRun",
  "followUpWindow",
  "probePath",
  "probeIssuer",
  "probeAudience",
  "probeTimeout",
  "probeConcurrency",
  "awsConcurrency",
  "timeout",
  "memorySize",
  "gateOnError",
  "gateMaxWait",
  "gateCallBackDelay",
  "sweepSchedule",
  "alarmTopic",
  "alarmEmail",
  "logRetention",
] as const satisfies readonly (keyof StackContext)[];

/** Keys earlier versions read, and the one name each setting has now: a stale cdk.json is told what to write. */
export const RenamedContextKeys: Readonly<Record<string, (typeof StackContextKeys)[number]>> = {
  vpcId: "vpc",
  subnetIds: "vpcSubnets",
  securityGroupIds: "securityGroups",
  taskSecurityGroupIds: "taskSecurityGroups",
  clusterNames: "clusters",
  probeTimeoutMs: "probeTimeout",
  alarmTopicArn: "alarmTopic",
  logRetentionDays: "logRetention",
};

/**
 * Reads and checks every documented context key. Lists accept a JSON array, in `cdk.json` or as
 * `-c` text, or a comma-separated string, with identical results. Each bad value fails with a
 * `StackContextError` naming the key, where it was set and the expected form. `setKeys`, when
 * given, are the keys the operator set: an unknown one (a typo such as `cluster`) fails too.
 */
export function readStackContext(lookup: ContextLookup, setKeys: readonly string[] = []): StackContext {
  rejectUnknownKeys(lookup, setKeys, StackContextKeys, RenamedContextKeys);
  const optional = <T>(key: keyof StackContext, read: ContextReader<T>): T | undefined => {
    const entry = lookup(key);
    return entry === undefined ? undefined : read({ key, source: entry.source }, entry.value);
  };
  const required = <T>(key: keyof StackContext, read: ContextReader<T>): T => {
    const value = optional(key, read);
    if (value === undefined) throw new StackContextError(key, "is required; see docs/deploy.md");
    return value;
  };
  const place = {
    account: required("account", readMatching(AwsIdFormat.account, "a 12-digit AWS account id")),
    region: required("region", readMatching(AwsIdFormat.region, 'an AWS region such as "eu-west-1"')),
  };
  const ids = (pattern: RegExp, form: string, emptyHint: string) =>
    readList(readMatching(pattern, form), emptyHint);
  const groupIds = ids(
    AwsIdFormat.securityGroupId,
    'a security group id such as "sg-0123456789abcdef0"',
    removeForDefault,
  );
  const context: StackContext = {
    ...place,
    vpc: required("vpc", readMatching(AwsIdFormat.vpcId, 'a VPC id such as "vpc-0123456789abcdef0"')),
    vpcSubnets: required(
      "vpcSubnets",
      ids(
        AwsIdFormat.subnetId,
        'a subnet id such as "subnet-0123456789abcdef0"',
        "the function needs subnets",
      ),
    ),
    securityGroups: optional("securityGroups", groupIds),
    taskSecurityGroups: optional("taskSecurityGroups", groupIds),
    probePorts: optional("probePorts", readPortRange),
    secrets: required("secrets", readSecretsContext(place)),
    clusters: optional("clusters", readClusterNames(place)),
    cloudTrailFallbacks: optional("cloudTrailFallbacks", readBoolean),
    dryRun: optional("dryRun", readBoolean),
    requireRedeployTag: optional("requireRedeployTag", readBoolean),
    bridgeNetworking: optional("bridgeNetworking", readBoolean),
    taskLogGroups: optional(
      "taskLogGroups",
      ids(/^[.\-_/#A-Za-z0-9]{1,512}$/, 'a log group name such as "/ecs/orders-api"', removeForDefault),
    ),
    securityProbes: optional("securityProbes", readBoolean),
    maxRedeploysPerRun: optional("maxRedeploysPerRun", readInteger(0, 1000)),
    followUpWindow: optional("followUpWindow", readDuration(Duration.minutes(0), Duration.hours(24))),
    probePath: optional("probePath", readMatching(AwsIdFormat.probePath, 'a path starting with "/"')),
    probeIssuer: optional("probeIssuer", readString),
    probeAudience: optional("probeAudience", readString),
    probeTimeout: optional("probeTimeout", readDuration(Duration.millis(100), Duration.minutes(1))),
    probeConcurrency: optional("probeConcurrency", readInteger(1, 256)),
    awsConcurrency: optional("awsConcurrency", readInteger(1, 64)),
    timeout: optional("timeout", readDuration(Duration.seconds(30), Duration.minutes(15))),
    memorySize: optional("memorySize", readInteger(128, 10240)),
    gateOnError: optional("gateOnError", readOneOf(Object.values(GateFailurePolicy))),
    gateMaxWait: optional("gateMaxWait", readDuration(Duration.seconds(0), Duration.hours(24))),
    gateCallBackDelay: optional("gateCallBackDelay", readDuration(Duration.seconds(1), Duration.minutes(15))),
    sweepSchedule: optional("sweepSchedule", readSchedule),
    alarmTopic: optional("alarmTopic", readTopicArn(place)),
    alarmEmail: optional(
      "alarmEmail",
      readMatching(AwsIdFormat.email, 'an e-mail address such as "oncall@example.com"'),
    ),
    logRetention: optional("logRetention", readRetentionDays),
  };
  return Object.fromEntries(
    Object.entries(context).filter(([, value]) => value !== undefined),
  ) as unknown as StackContext;
}

const removeForDefault = "remove the key to use the default";
