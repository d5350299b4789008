import { Duration } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { isScheduleExpression, parseArn } from "./aws-id-formats.js";
import { type ContextReader, fail, readInteger, readString } from "./context-readers.js";
import type { StackPlace } from "./read-secrets-context.js";

/** The retention periods CloudWatch Logs accepts, as CDK lists them (9999 keeps the reports forever). */
const retentionDays = Object.values(RetentionDays).filter(
  (days): days is number => typeof days === "number" && days > 0,
);

/** A retention CloudWatch Logs accepts. */
export const readRetentionDays: ContextReader<number> = (field, value) => {
  const days = readInteger(1, 9999)(field, value);
  if (!retentionDays.includes(days)) fail(field, `must be one of ${retentionDays.join(", ")}, got ${days}`);
  return days;
};

/** `8080` or `32768-65535`. */
export const readPortRange: ContextReader<string> = (field, value) => {
  const text = typeof value === "number" ? String(value) : readString(field, value);
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  const from = Number(match?.[1]);
  const to = Number(match?.[2] ?? match?.[1]);
  if (!match || from < 1 || to > 65535 || from > to)
    fail(field, `must be a port or a range like "32768-65535", got "${text}"`);
  return text;
};

/** An EventBridge schedule expression EventBridge accepts. */
export const readSchedule: ContextReader<string> = (field, value) => {
  const text = readString(field, value);
  if (!isScheduleExpression(text))
    fail(field, `must be an EventBridge schedule like "rate(1 hour)" or "cron(0 6 * * ? *)", got "${text}"`);
  return text;
};

/** A standard SNS topic in the stack's region (alarms notify topics of their own region only). */
export function readTopicArn(place: StackPlace): ContextReader<string> {
  return (field, value) => {
    const text = readString(field, value);
    const parsed = parseArn(text);
    if (parsed?.service !== "sns" || !/^[A-Za-z0-9_-]{1,256}$/.test(parsed.resource))
      fail(field, `must be a standard SNS topic ARN (arn:aws:sns:<region>:<account>:<name>), got "${text}"`);
    if (parsed.region !== place.region)
      fail(
        field,
        `topic "${text}" is in ${parsed.region}: CloudWatch alarms notify topics of their own region ${place.region}`,
      );
    return text;
  };
}

const durationUnits = {
  millisecond: Duration.millis,
  second: Duration.seconds,
  minute: Duration.minutes,
  hour: Duration.hours,
} as const;

/**
 * A Duration prop's context form: a whole number and a unit, `"750 milliseconds"`, `"2 seconds"`,
 * `"30 minutes"`, `"1 hour"` (singular or plural), from `min` to `max`: a bare number would leave
 * the unit to guess.
 */
export function readDuration(min: Duration, max: Duration): ContextReader<Duration> {
  return (field, value) => {
    const text = typeof value === "string" ? value.trim() : "";
    const match = /^(\d+) ?(millisecond|second|minute|hour)s?$/.exec(text);
    if (!match)
      fail(
        field,
        `must be a whole number and a unit, such as "750 milliseconds", "2 seconds", "30 minutes" or "1 hour", got ${JSON.stringify(value)}`,
      );
    const duration = durationUnits[match[2] as keyof typeof durationUnits](Number(match[1]));
    const ms = duration.toMilliseconds();
    if (ms < min.toMilliseconds() || ms > max.toMilliseconds())
      fail(field, `must be from ${min.toHumanString()} to ${max.toHumanString()}, got "${text}"`);
    return duration;
  };
}
