import { describe, expect, it } from "vitest";
import { unwrapQueueBatch } from "../../../../lambda/core/intake/unwrap-queue-batch.js";
import { ErrorCode } from "../../../../lambda/errors.js";

const event = { source: "aws.events", "detail-type": "Scheduled Event" };
const sqs = (body: string, messageId = "m-1") => ({ eventSource: "aws:sqs", messageId, body });

describe("unwrapQueueBatch: what counts as an SQS batch", () => {
  it("unwraps every record's body, in order", () => {
    expect(unwrapQueueBatch({ Records: [sqs(JSON.stringify(event)), sqs('{"n":2}')] })).toEqual([
      event,
      { n: 2 },
    ]);
  });

  it("is not a batch when Records is empty: nothing to unwrap, the event is parsed as it is", () => {
    expect(unwrapQueueBatch({ Records: [] })).toBeNull();
  });

  it("is not a batch when any record is not from SQS (or not an object), even if the others are", () => {
    const s3 = { eventSource: "aws:s3", body: "{}" };
    expect(unwrapQueueBatch({ Records: [s3] })).toBeNull();
    expect(unwrapQueueBatch({ Records: [sqs("{}"), s3] })).toBeNull();
    expect(unwrapQueueBatch({ Records: [sqs("{}"), null] })).toBeNull();
    expect(unwrapQueueBatch({ Records: [sqs("{}"), [sqs("{}")]] })).toBeNull();
  });

  it("is not a batch when the event itself is null, an array or a function carrying Records", () => {
    const records = [sqs("{}")];
    expect(unwrapQueueBatch(null)).toBeNull();
    expect(unwrapQueueBatch(Object.assign([], { Records: records }))).toBeNull();
    expect(unwrapQueueBatch(Object.assign(() => undefined, { Records: records }))).toBeNull();
  });
});

describe("unwrapQueueBatch: a broken body throws, so the message goes to the dead-letter queue", () => {
  it("names the record and its messageId (cut to 100 characters), keeping the JSON error as the cause", () => {
    const messageId = `${"a".repeat(100)}${"b".repeat(50)}`;
    let thrown: unknown;
    try {
      unwrapQueueBatch({ Records: [sqs("{}"), sqs("not json", messageId)] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: ErrorCode.eventMalformed,
      message: `SQS record 1 (${"a".repeat(100)}) body is not JSON`,
    });
    expect((thrown as Error).cause).toBeInstanceOf(SyntaxError);
  });
});
