import { existsSync, readFileSync, statSync } from "node:fs";
import type { ServiceApi } from "../contracts.js";
import { AwsServiceError } from "../contracts.js";
import { compileFilterPattern } from "./filter-pattern.js";
import type { TaskLogStore } from "./task-log-store.js";

/** CloudWatch Logs' JSON 1.1 target prefix (`X-Amz-Target: Logs_20140328.FilterLogEvents`). */
export const logsTargetPrefix = "Logs_20140328";

/** One log group the fleet serves, backed by a local function's log file. */
export interface LocalLogGroup {
  /** e.g. `/aws/lambda/rollout-verifier` */
  readonly logGroupName: string;
  /** The file the local Lambda writes (its stdout and stderr, runtime lines included). */
  readonly file: string;
}

/** Largest page, as CloudWatch Logs: 10,000 events. */
const maxLimit = 10_000;

/**
 * CloudWatch Logs over local log files: `FilterLogEvents` (by time range, filter pattern, paged
 * with `nextToken`), what `rollout-verifier report` calls. Each line of the file is one event of one
 * stream (`local/[$LATEST]rollout-verifier`); its timestamp is the record's own (`timestamp`, or
 * EMF's `_aws.Timestamp`), else the previous line's, as Lambda stamps the runtime's lines at
 * ingestion. Unknown log groups are `ResourceNotFoundException`, as in CloudWatch Logs.
 */
export function createLogsApi(groups: () => readonly LocalLogGroup[], tasks?: TaskLogStore): ServiceApi {
  return {
    targetPrefix: logsTargetPrefix,
    operations: {
      FilterLogEvents: (input) => filterLogEvents(groups(), input),
      GetLogEvents: (input) => getLogEvents(tasks, input),
    },
  };
}

/** GetLogEvents' default and largest page: 10,000 events (and 1 MB, not modelled). */
const maxGetLimit = 10_000;

/**
 * `GetLogEvents` on one task's stream of the in-memory container logs: from the head with
 * `startFromHead`, else the newest page, paged with `f/<n>`/`b/<n>` tokens. At the stream's end it
 * answers the token it was given, as CloudWatch Logs does.
 */
function getLogEvents(tasks: TaskLogStore | undefined, input: Record<string, unknown>) {
  const group = input.logGroupName ?? input.logGroupIdentifier;
  if (typeof group !== "string" || typeof input.logStreamName !== "string")
    throw new AwsServiceError("InvalidParameterException", "logGroupName and logStreamName are required.");
  const groupName = group.startsWith("arn:")
    ? group.slice(group.indexOf(":log-group:") + 11).replace(/:\*$/, "")
    : group;
  if (!tasks?.hasGroup(groupName))
    throw new AwsServiceError("ResourceNotFoundException", "The specified log group does not exist.");
  const events = tasks.events(groupName, input.logStreamName);
  if (!events)
    throw new AwsServiceError("ResourceNotFoundException", "The specified log stream does not exist.");
  const limit = input.limit === undefined ? maxGetLimit : Number(input.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxGetLimit)
    throw new AwsServiceError("InvalidParameterException", "limit must be between 1 and 10000.");
  const token = typeof input.nextToken === "string" ? /^([fb])\/(\d+)$/.exec(input.nextToken) : null;
  if (input.nextToken !== undefined && !token)
    throw new AwsServiceError("InvalidParameterException", "The specified nextToken is invalid.");
  const start = typeof input.startTime === "number" ? input.startTime : Number.NEGATIVE_INFINITY;
  const end = typeof input.endTime === "number" ? input.endTime : Number.POSITIVE_INFINITY;
  const inRange = events
    .map((event, index) => ({ ...event, index }))
    .filter((event) => event.timestamp >= start && event.timestamp < end);
  const forward = token ? token[1] === "f" : input.startFromHead === true;
  const position = token ? Number(token[2]) : forward ? 0 : inRange.length;
  const from = forward ? position : Math.max(0, position - limit);
  const to = forward ? Math.min(inRange.length, position + limit) : position;
  const page = inRange.slice(from, to);
  return {
    events: page.map(({ timestamp, message }) => ({ timestamp, message, ingestionTime: timestamp })),
    nextForwardToken: `f/${to}`,
    nextBackwardToken: `b/${from}`,
  };
}

function filterLogEvents(groups: readonly LocalLogGroup[], input: Record<string, unknown>) {
  const name = input.logGroupName ?? input.logGroupIdentifier;
  if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined)
    throw new AwsServiceError(
      "InvalidParameterException",
      "LogGroup name and LogGroup ARN are mutually exclusive parameters.",
    );
  if (typeof name !== "string")
    throw new AwsServiceError(
      "InvalidParameterException",
      "Either logGroupName or logGroupIdentifier is required.",
    );
  const groupName = name.startsWith("arn:")
    ? name.slice(name.indexOf(":log-group:") + 11).replace(/:\*$/, "")
    : name;
  const group = groups.find((candidate) => candidate.logGroupName === groupName);
  if (!group)
    throw new AwsServiceError("ResourceNotFoundException", "The specified log group does not exist.");
  const limit = input.limit === undefined ? maxLimit : Number(input.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit)
    throw new AwsServiceError("InvalidParameterException", "limit must be between 1 and 10000.");
  const start = typeof input.startTime === "number" ? input.startTime : Number.NEGATIVE_INFINITY;
  const end = typeof input.endTime === "number" ? input.endTime : Number.POSITIVE_INFINITY;
  const matches = compileFilterPattern(
    typeof input.filterPattern === "string" ? input.filterPattern : undefined,
  );
  const offset = input.nextToken === undefined ? 0 : Number(String(input.nextToken).replace(/^f\//, ""));
  if (!Number.isInteger(offset) || offset < 0)
    throw new AwsServiceError("InvalidParameterException", "The specified nextToken is invalid.");
  const events = readEvents(group).filter(
    (event, index) => index >= offset && event.timestamp >= start && event.timestamp <= end,
  );
  const page = events.filter((event) => matches(event.message)).slice(0, limit);
  const last = page.at(-1);
  const scannedTo = last === undefined ? undefined : last.index + 1;
  const more = scannedTo !== undefined && events.some((event) => event.index >= scannedTo);
  return {
    events: page.map(({ index: _index, ...event }) => event),
    searchedLogStreams: [{ logStreamName: streamName, searchedCompletely: !more }],
    ...(more ? { nextToken: `f/${scannedTo}` } : {}),
  };
}

const streamName = "local/[$LATEST]rollout-verifier";

interface LocalEvent {
  readonly index: number;
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly ingestionTime: number;
  readonly message: string;
  readonly eventId: string;
}

function readEvents(group: LocalLogGroup): LocalEvent[] {
  if (!existsSync(group.file)) return [];
  const fallback = statSync(group.file).mtimeMs;
  let previous: number | undefined;
  return readFileSync(group.file, "utf8")
    .split("\n")
    .flatMap((message, index) => {
      if (message.trim() === "") return [];
      const own = timestampOf(message);
      const timestamp = Math.floor(own ?? previous ?? fallback);
      previous = timestamp;
      return [
        {
          index,
          logStreamName: streamName,
          timestamp,
          ingestionTime: timestamp,
          message,
          eventId: String(index).padStart(56, "0"),
        },
      ];
    });
}

function timestampOf(line: string): number | undefined {
  if (!line.startsWith("{")) {
    const iso = /^(\d{4}-\d{2}-\d{2}T\S+Z)/.exec(line)?.[1];
    return iso === undefined ? undefined : Date.parse(iso);
  }
  try {
    const record = JSON.parse(line) as { timestamp?: unknown; _aws?: { Timestamp?: unknown } };
    if (typeof record.timestamp === "string") return Date.parse(record.timestamp);
    if (typeof record._aws?.Timestamp === "number") return record._aws.Timestamp;
  } catch {
    return undefined;
  }
  return undefined;
}
