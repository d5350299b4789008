import { EventMalformedError } from "../../errors.js";

/**
 * The events inside an SQS batch, or null when `event` is not one. The stack's rules deliver to a
 * FIFO queue (one message group, so runs never overlap without reserving Lambda concurrency), and
 * Lambda hands the function `{ Records: [{ eventSource: "aws:sqs", body }] }`, each body one
 * EventBridge event as EventBridge sent it. A body that is not JSON throws EventMalformedError, so
 * the message is retried and then kept in the dead-letter queue rather than dropped.
 */
export function unwrapQueueBatch(event: unknown): unknown[] | null {
  if (!isRecord(event) || !Array.isArray(event.Records) || event.Records.length === 0) return null;
  if (!event.Records.every((record) => isRecord(record) && record.eventSource === "aws:sqs")) return null;
  return event.Records.map((record: Record<string, unknown>, index: number) => {
    if (typeof record.body !== "string")
      throw new EventMalformedError(`SQS record ${index} (${messageId(record)}) has no string body`);
    try {
      return JSON.parse(record.body) as unknown;
    } catch (cause) {
      throw new EventMalformedError(`SQS record ${index} (${messageId(record)}) body is not JSON`, { cause });
    }
  });
}

function messageId(record: Record<string, unknown>): string {
  return typeof record.messageId === "string" ? record.messageId.slice(0, 100) : "no messageId";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
