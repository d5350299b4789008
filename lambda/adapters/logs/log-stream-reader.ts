import type { CloudWatchLogsClient, GetLogEventsCommandOutput } from "@aws-sdk/client-cloudwatch-logs";
import type { LogLineAnswer, LogsPort } from "../../core/ports.js";
import { AwsCallError } from "../../errors.js";
import { type AwsCaller, createAwsCaller } from "../aws/aws-call.js";

/** Events per page: a startup line is near the head of the stream, so small pages end the read early. */
const PAGE_SIZE = 500;

/**
 * CloudWatch Logs behind `LogsPort`: `GetLogEvents` on one task's own stream, from its head
 * (`startFromHead`), a bounded number of pages, until the first line holding the text. A stream
 * that does not exist (the task has logged nothing yet) is `no-stream`. The client module is loaded
 * on first use, like CloudTrail's: only services tagged `rollout-verifier:fingerprint-log` need it.
 * The stack grants `logs:GetLogEvents` only on the log groups the watched task definitions name.
 */
export function createLogStreamReader(
  client: () => Promise<CloudWatchLogsClient>,
  call: AwsCaller = createAwsCaller(),
): LogsPort {
  return {
    async findLine(request): Promise<LogLineAnswer> {
      const { GetLogEventsCommand } = await import("@aws-sdk/client-cloudwatch-logs");
      const logs = await client();
      const resource = `${request.logGroupName}:${request.logStreamName}`;
      let nextToken: string | undefined;
      for (let page = 1; page <= request.maxPages; page += 1) {
        let output: GetLogEventsCommandOutput;
        try {
          output = await call("GetLogEvents", resource, (abortSignal) =>
            logs.send(
              new GetLogEventsCommand({
                logGroupName: request.logGroupName,
                logStreamName: request.logStreamName,
                startFromHead: true,
                limit: PAGE_SIZE,
                ...(nextToken ? { nextToken } : {}),
              }),
              { abortSignal },
            ),
          );
        } catch (error) {
          if (error instanceof AwsCallError && error.awsErrorName === "ResourceNotFoundException")
            return { kind: "no-stream" };
          throw error;
        }
        for (const event of output.events ?? [])
          if (event.message?.includes(request.contains))
            return {
              kind: "found",
              message: event.message,
              ...(event.timestamp === undefined ? {} : { timestamp: new Date(event.timestamp) }),
            };
        // The stream's end: GetLogEvents answers the token it was given there. An empty page is not
        // the end: AWS may answer one while more events follow through a new token, so only the
        // same token (or none) ends the read; the page bound still caps it.
        if (!output.nextForwardToken || output.nextForwardToken === nextToken)
          return { kind: "not-found", pagesRead: page, complete: true };
        nextToken = output.nextForwardToken;
      }
      return { kind: "not-found", pagesRead: request.maxPages, complete: false };
    },
  };
}
