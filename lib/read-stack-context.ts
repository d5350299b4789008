import { AwsIdFormat } from "./context/aws-id-formats.js";
import type { ContextLookup } from "./context/context-entry.js";
import {
  type ContextReader,
  readBoolean,
  readInteger,
  readList,
  readMatching,
  readString,
} from "./context/context-readers.js";
import { readClusterNames } from "./context/read-cluster-names.js";
import { readSecretsContext, type SecretContext } from "./context/read-secrets-context.js";
import {
  readPortRange,
  readRetentionDays,
  readSchedule,
  readTopicArn,
} from "./context/read-setting-values.js";
import { rejectUnknownKeys } from "./context/reject-unknown-keys.js";
import { StackContextError } from "./rollout-verifier-error.js";

export type { SecretContext } from "./context/read-secrets-context.js";

/** The stack's inputs from `cdk.json` context (or `-c key=value`), checked and typed. */
export interface StackContext {
  readonly account: string;
  readonly region: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds?: readonly string[];
  readonly taskSecurityGroupIds?: readonly string[];
  /** `8080` or `32768-65535`. */
  readonly probePorts?: string;
  readonly secrets: readonly SecretContext[];
  /** Cluster names (ARNs given in the context are normalized to names). */
  readonly clusterNames?: readonly string[];
  readonly cloudTrailFallbacks?: boolean;
  readonly dryRun?: boolean;
  readonly requireRedeployTag?: boolean;
  readonly bridgeNetworking?: boolean;
  readonly securityProbes?: boolean;
  readonly maxRedeploysPerRun?: number;
  readonly probePath?: string;
  readonly probeIssuer?: string;
  readonly probeAudience?: string;
  readonly probeTimeoutMs?: number;
  /** An EventBridge schedule expression, `rate(...)` or `cron(...)`. */
  readonly sweepSchedule?: string;
  readonly alarmTopicArn?: string;
  readonly alarmEmail?: string;
  readonly logRetentionDays?: number;
}

/** Every key the stack reads: anything else an operator sets is a typo that would be silently ignored. */
export const StackContextKeys = [
  "account",
  "region",
  "vpcId",
  "subnetIds",
  "securityGroupIds",
  "taskSecurityGroupIds",
  "probePorts",
  "secrets",
  "clusterNames",
  "cloudTrailFallbacks",
  "dryRun",
  "requireRedeployTag",
  "bridgeNetworking",
  "securityProbes",
  "maxRedeploysPerRun",
  "probePath",
  "probeIssuer",
  "probeAudience",
  "probeTimeoutMs",
  "sweepSchedule",
  "alarmTopicArn",
  "alarmEmail",
  "logRetentionDays",
] as const satisfies readonly (keyof StackContext)[];

/**
 * Reads and checks every documented context key. Lists accept a JSON array, in `cdk.json` or as
 * `-c` text, or a comma-separated string, with identical results. Each bad value fails with a
 * `StackContextError` naming the key, where it was set and the expected form. `setKeys`, when
 * given, are the keys the operator set: an unknown one (a typo such as `clusterName`) fails too.
 */
export function readStackContext(lookup: ContextLookup, setKeys: readonly string[] = []): StackContext {
  rejectUnknownKeys(lookup, setKeys, StackContextKeys);
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
  const context: StackContext = {
    ...place,
    vpcId: required("vpcId", readMatching(AwsIdFormat.vpcId, 'a VPC id such as "vpc-0123456789abcdef0"')),
    subnetIds: required(
      "subnetIds",
      ids(
        AwsIdFormat.subnetId,
        'a subnet id such as "subnet-0123456789abcdef0"',
        "the function needs subnets",
      ),
    ),
    securityGroupIds: optional(
      "securityGroupIds",
      ids(
        AwsIdFormat.securityGroupId,
        'a security group id such as "sg-0123456789abcdef0"',
        removeForDefault,
      ),
    ),
    taskSecurityGroupIds: optional(
      "taskSecurityGroupIds",
      ids(
        AwsIdFormat.securityGroupId,
        'a security group id such as "sg-0123456789abcdef0"',
        removeForDefault,
      ),
    ),
    probePorts: optional("probePorts", readPortRange),
    secrets: required("secrets", readSecretsContext(place)),
    clusterNames: optional("clusterNames", readClusterNames(place)),
    cloudTrailFallbacks: optional("cloudTrailFallbacks", readBoolean),
    dryRun: optional("dryRun", readBoolean),
    requireRedeployTag: optional("requireRedeployTag", readBoolean),
    bridgeNetworking: optional("bridgeNetworking", readBoolean),
    securityProbes: optional("securityProbes", readBoolean),
    maxRedeploysPerRun: optional("maxRedeploysPerRun", readInteger(0, 1000)),
    probePath: optional("probePath", readMatching(AwsIdFormat.probePath, 'a path starting with "/"')),
    probeIssuer: optional("probeIssuer", readString),
    probeAudience: optional("probeAudience", readString),
    probeTimeoutMs: optional("probeTimeoutMs", readInteger(100, 60_000)),
    sweepSchedule: optional("sweepSchedule", readSchedule),
    alarmTopicArn: optional("alarmTopicArn", readTopicArn(place)),
    alarmEmail: optional(
      "alarmEmail",
      readMatching(AwsIdFormat.email, 'an e-mail address such as "oncall@example.com"'),
    ),
    logRetentionDays: optional("logRetentionDays", readRetentionDays),
  };
  return Object.fromEntries(
    Object.entries(context).filter(([, value]) => value !== undefined),
  ) as unknown as StackContext;
}

const removeForDefault = "remove the key to use the default";
