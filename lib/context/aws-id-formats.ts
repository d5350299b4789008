/**
 * The shapes of the AWS identifiers the stack's context names, as the services document them. A
 * value that cannot be one of these would synthesize a stack that fails in the account (a policy on
 * a resource that does not exist, a VPC the function cannot join), so synth rejects it instead.
 */
export const AwsIdFormat = {
  account: /^\d{12}$/,
  region: /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/,
  vpcId: /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/,
  subnetId: /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/,
  securityGroupId: /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/,
  /** ECS: up to 255 letters, digits, hyphens and underscores. */
  clusterName: /^[A-Za-z0-9_-]{1,255}$/,
  /** An e-mail address SNS can subscribe: local part, @, a dotted domain. */
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  /** A probe path, as sent on the request line. */
  probePath: /^\/[^\s]*$/,
} as const;

/** The parts of an ARN that the checks compare with the stack's account and region. */
export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Splits `arn:partition:service:region:account:resource`; undefined when the text is no ARN. */
export function parseArn(text: string): ParsedArn | undefined {
  const match = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.+)$/.exec(text);
  if (!match) return undefined;
  const [, partition, service, region, account, resource] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { partition, service, region, account, resource };
}

/** `rate(1 hour)`, `rate(5 minutes)` (singular unit for 1 only), or a six-field `cron(...)`. */
export function isScheduleExpression(text: string): boolean {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(text);
  if (rate) {
    const count = Number(rate[1]);
    const singular = !(rate[2] as string).endsWith("s");
    return count > 0 && singular === (count === 1);
  }
  const cron = /^cron\((.+)\)$/.exec(text);
  return cron !== null && (cron[1] as string).trim().split(/\s+/).length === 6;
}
