import type { FleetEvent, ServiceApi } from "../contracts.js";
import { AwsServiceError } from "../contracts.js";

/**
 * CloudTrail's JSON 1.1 target prefixes (`X-Amz-Target: <prefix>.LookupEvents`): the service model's
 * (`com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`, what botocore and the CLI send) and the
 * short form the SDK for JavaScript v3 sends (`CloudTrail_20131101`).
 */
export const CLOUDTRAIL_TARGET_PREFIXES = [
  "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101",
  "CloudTrail_20131101",
] as const;

const CLOUDTRAIL_DETAIL_TYPES: readonly string[] = [
  "AWS API Call via CloudTrail",
  "AWS Service Event via CloudTrail",
];
const LOOKUP_KEYS: readonly string[] = ["EventId", "EventName", "EventSource", "ResourceName", "ReadOnly"];

/** One CloudTrail record as the fleet keeps it: the record and its resource (the secret's ARN). */
interface KeptRecord {
  readonly record: Record<string, unknown>;
  readonly resourceName: string | undefined;
}

/**
 * CloudTrail's event history for the fleet: every management event the fleet's Secrets Manager emits
 * (`AWS API Call via CloudTrail`, `AWS Service Event via CloudTrail`) is kept, as CloudTrail keeps them
 * for 90 days without a trail, and `LookupEvents` answers them newest first, 50 a page at most,
 * filtered by one lookup attribute and a time range, exactly in the shapes of the CloudTrail API.
 */
export function createCloudTrailApi(subscribe: (listener: (event: FleetEvent) => void) => () => void): {
  readonly apis: readonly ServiceApi[];
  stop(): void;
} {
  const kept: KeptRecord[] = [];
  const stop = subscribe((event) => {
    if (!CLOUDTRAIL_DETAIL_TYPES.includes(event["detail-type"])) return;
    kept.push({ record: event.detail, resourceName: resourceOf(event.detail) });
  });
  const operations = { LookupEvents: (input: Record<string, unknown>) => lookUpEvents(kept, input) };
  return { apis: CLOUDTRAIL_TARGET_PREFIXES.map((targetPrefix) => ({ targetPrefix, operations })), stop };
}

function lookUpEvents(kept: readonly KeptRecord[], input: Record<string, unknown>) {
  const attributes = Array.isArray(input.LookupAttributes)
    ? (input.LookupAttributes as Record<string, unknown>[])
    : [];
  if (attributes.length > 1)
    throw new AwsServiceError(
      "InvalidLookupAttributesException",
      "You cannot specify more than one lookup attribute.",
    );
  const [attribute] = attributes;
  if (attribute && !LOOKUP_KEYS.includes(String(attribute.AttributeKey)))
    throw new AwsServiceError(
      "InvalidLookupAttributesException",
      `Unsupported AttributeKey ${String(attribute.AttributeKey)}.`,
    );
  const maxResults = Number(input.MaxResults ?? 50);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50)
    throw new AwsServiceError("InvalidMaxResultsException", "MaxResults must be between 1 and 50.");
  const start = typeof input.StartTime === "number" ? input.StartTime : Number.NEGATIVE_INFINITY;
  const end = typeof input.EndTime === "number" ? input.EndTime : Number.POSITIVE_INFINITY;
  const matching = kept
    .filter(({ record }) => {
      const time = Date.parse(String(record.eventTime)) / 1000;
      return time >= start && time <= end;
    })
    .filter(
      (entry) =>
        !attribute || matches(entry, String(attribute.AttributeKey), String(attribute.AttributeValue)),
    )
    .reverse();
  const offset = input.NextToken === undefined ? 0 : Number(input.NextToken);
  if (!Number.isInteger(offset) || offset < 0)
    throw new AwsServiceError("InvalidNextTokenException", "Invalid NextToken.");
  const page = matching.slice(offset, offset + maxResults);
  const next = offset + maxResults < matching.length ? { NextToken: String(offset + maxResults) } : {};
  return { Events: page.map(toEvent), ...next };
}

function matches(entry: KeptRecord, key: string, value: string): boolean {
  const { record } = entry;
  if (key === "ResourceName") return entry.resourceName === value;
  if (key === "EventId") return record.eventID === value;
  if (key === "EventName") return record.eventName === value;
  if (key === "EventSource") return record.eventSource === value;
  return String(record.readOnly) === value;
}

function toEvent({ record, resourceName }: KeptRecord) {
  const identity = (record.userIdentity ?? {}) as Record<string, unknown>;
  return {
    EventId: String(record.eventID),
    EventName: String(record.eventName),
    ReadOnly: String(record.readOnly ?? false),
    ...(typeof identity.accessKeyId === "string" ? { AccessKeyId: identity.accessKeyId } : {}),
    EventTime: Date.parse(String(record.eventTime)) / 1000,
    EventSource: String(record.eventSource),
    ...(resourceName
      ? { Resources: [{ ResourceType: "AWS::SecretsManager::Secret", ResourceName: resourceName }] }
      : { Resources: [] }),
    CloudTrailEvent: JSON.stringify(record),
  };
}

/** The secret a Secrets Manager record is about: `responseElements.arn` (`aRN` in older records) or `additionalEventData.SecretId`. */
function resourceOf(record: Record<string, unknown>): string | undefined {
  const response = record.responseElements as Record<string, unknown> | null | undefined;
  const additional = record.additionalEventData as Record<string, unknown> | null | undefined;
  const arn = response?.arn ?? response?.aRN ?? additional?.SecretId;
  return typeof arn === "string" ? arn : undefined;
}
