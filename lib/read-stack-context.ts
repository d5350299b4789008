import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { StackContextError } from "./rollout-verifier-error.js";

/** One secret to watch, as the deployer writes it in `cdk.json`. */
export interface SecretContext {
  /** Complete ARN, with Secrets Manager's six-character suffix. */
  readonly arn: string;
  /** Customer-managed KMS key encrypting the secret, if any: kms:Decrypt is granted on it. */
  readonly kmsKeyArn?: string;
}

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

type Lookup = (key: string) => unknown;

/**
 * Reads the documented context keys. Lists accept a JSON array or a comma-separated string, so
 * `-c clusterNames=a,b` works as well as `cdk.json`; every bad value names its key and the expected form.
 */
export function readStackContext(lookup: Lookup): StackContext {
  const optional = <T>(key: string, read: (key: string, value: unknown) => T): T | undefined => {
    const value = lookup(key);
    return value === undefined || value === "" ? undefined : read(key, value);
  };
  const required = <T>(key: string, read: (key: string, value: unknown) => T): T => {
    const value = optional(key, read);
    if (value === undefined)
      throw new StackContextError(key, "is required; see the Deploy section of the README");
    return value;
  };
  const context: StackContext = {
    account: required("account", readString),
    region: required("region", readString),
    vpcId: required("vpcId", readPrefixed("vpc-")),
    subnetIds: required("subnetIds", readList("subnet-")),
    securityGroupIds: optional("securityGroupIds", readList("sg-")),
    taskSecurityGroupIds: optional("taskSecurityGroupIds", readList("sg-")),
    probePorts: optional("probePorts", readPortRange),
    secrets: required("secrets", readSecrets),
    clusterNames: optional("clusterNames", readList("")),
    cloudTrailFallbacks: optional("cloudTrailFallbacks", readBoolean),
    dryRun: optional("dryRun", readBoolean),
    requireRedeployTag: optional("requireRedeployTag", readBoolean),
    bridgeNetworking: optional("bridgeNetworking", readBoolean),
    securityProbes: optional("securityProbes", readBoolean),
    maxRedeploysPerRun: optional("maxRedeploysPerRun", readInteger),
    probePath: optional("probePath", readString),
    probeIssuer: optional("probeIssuer", readString),
    probeAudience: optional("probeAudience", readString),
    probeTimeoutMs: optional("probeTimeoutMs", readInteger),
    sweepSchedule: optional("sweepSchedule", readSchedule),
    alarmTopicArn: optional("alarmTopicArn", readPrefixed("arn:")),
    alarmEmail: optional("alarmEmail", readString),
    logRetentionDays: optional("logRetentionDays", readRetentionDays),
  };
  return Object.fromEntries(
    Object.entries(context).filter(([, value]) => value !== undefined),
  ) as StackContext;
}

function readString(key: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "")
    throw new StackContextError(key, "must be a non-empty string");
  return value.trim();
}

function readPrefixed(prefix: string): (key: string, value: unknown) => string {
  return (key, value) => {
    const text = readString(key, value);
    if (!text.startsWith(prefix))
      throw new StackContextError(key, `must start with "${prefix}", got "${text}"`);
    return text;
  };
}

function readList(prefix: string): (key: string, value: unknown) => string[] {
  return (key, value) => {
    const items = typeof value === "string" ? value.split(",").map((item) => item.trim()) : value;
    if (!Array.isArray(items) || items.length === 0)
      throw new StackContextError(
        key,
        'must be a JSON array of strings or a comma-separated string, e.g. ["a","b"] or "a,b"',
      );
    return items.map((item) => readPrefixed(prefix)(key, item));
  };
}

function readBoolean(key: string, value: unknown): boolean {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw new StackContextError(key, `must be true or false, got ${JSON.stringify(value)}`);
}

function readInteger(key: string, value: unknown): number {
  const parsed = typeof value === "string" ? Number(value) : value;
  if (typeof parsed !== "number" || !Number.isInteger(parsed) || parsed < 0)
    throw new StackContextError(key, `must be a non-negative integer, got ${JSON.stringify(value)}`);
  return parsed;
}

/** The retention periods CloudWatch Logs accepts, as CDK lists them (9999 keeps the reports forever). */
const retentionDays = Object.values(RetentionDays).filter(
  (days): days is number => typeof days === "number" && days > 0,
);

function readRetentionDays(key: string, value: unknown): number {
  const days = readInteger(key, value);
  if (!retentionDays.includes(days))
    throw new StackContextError(key, `must be one of ${retentionDays.join(", ")}, got ${days}`);
  return days;
}

function readPortRange(key: string, value: unknown): string {
  const text = String(value).trim();
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  const from = Number(match?.[1]);
  const to = Number(match?.[2] ?? match?.[1]);
  if (!match || from < 1 || to > 65535 || from > to)
    throw new StackContextError(key, `must be a port or a range like "32768-65535", got "${text}"`);
  return text;
}

function readSchedule(key: string, value: unknown): string {
  const text = readString(key, value);
  if (!/^(rate|cron)\(.+\)$/.test(text))
    throw new StackContextError(key, `must be an EventBridge expression like "rate(1 hour)", got "${text}"`);
  return text;
}

function readSecrets(key: string, value: unknown): SecretContext[] {
  const items = typeof value === "string" ? value.split(",").map((arn) => ({ arn: arn.trim() })) : value;
  if (!Array.isArray(items) || items.length === 0)
    throw new StackContextError(
      key,
      'must list at least one secret, e.g. [{"arn":"arn:aws:secretsmanager:...:secret:name-AbCdEf"}]',
    );
  return items.map((item) => {
    const entry: unknown = typeof item === "string" ? { arn: item } : item;
    const { arn, kmsKeyArn } = (entry ?? {}) as Record<string, unknown>;
    const secretArn = readPrefixed("arn:")(key, arn);
    if (!/:secret:.+-[A-Za-z0-9]{6}$/.test(secretArn))
      throw new StackContextError(
        key,
        `needs complete secret ARNs (ending in "-" and 6 characters), got "${secretArn}"`,
      );
    return kmsKeyArn === undefined
      ? { arn: secretArn }
      : { arn: secretArn, kmsKeyArn: readPrefixed("arn:")(key, kmsKeyArn) };
  });
}
