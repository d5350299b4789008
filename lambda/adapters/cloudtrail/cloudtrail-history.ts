import type { CloudTrailClient, LookupEventsCommandOutput } from "@aws-sdk/client-cloudtrail";
import type { HistoryPort } from "../../core/ports.js";
import type { HistoryRecord } from "../../core/secret/cutover-history.js";
import { type AwsCaller, createAwsCaller } from "../aws/aws-call.js";

/** CloudTrail's LookupEvents answers 50 events a page and 2 requests a second: a few pages at most. */
const MAX_PAGES = 4;

/**
 * CloudTrail's event history behind `HistoryPort`: LookupEvents filtered by the secret's ARN as
 * resource name, newest first: the core reads the AWSCURRENT moves (PutSecretValue,
 * UpdateSecretVersionStage) and the rotation steps that bound one (RotateSecret, RotationSucceeded). The client module is loaded on first use, like EC2's: only sweeps,
 * direct runs and doubtful events need it. `cloudtrail:LookupEvents` supports no resource-level
 * permission, which is why the stack grants it on `*`.
 */
export function createCloudTrailHistory(
  client: () => Promise<CloudTrailClient>,
  call: AwsCaller = createAwsCaller(),
): HistoryPort {
  return {
    async lookUpSecretEvents(secretArn, since) {
      const { LookupEventsCommand } = await import("@aws-sdk/client-cloudtrail");
      const cloudTrail = await client();
      const records: HistoryRecord[] = [];
      let nextToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const output: LookupEventsCommandOutput = await call("LookupEvents", secretArn, (abortSignal) =>
          cloudTrail.send(
            new LookupEventsCommand({
              LookupAttributes: [{ AttributeKey: "ResourceName", AttributeValue: secretArn }],
              StartTime: since,
              MaxResults: 50,
              ...(nextToken ? { NextToken: nextToken } : {}),
            }),
            { abortSignal },
          ),
        );
        for (const event of output.Events ?? [])
          if (event.EventName && event.EventTime && event.CloudTrailEvent)
            records.push({
              eventName: event.EventName,
              eventTime: event.EventTime,
              cloudTrailEvent: event.CloudTrailEvent,
            });
        nextToken = output.NextToken;
        if (!nextToken) break;
      }
      return records;
    },
  };
}
