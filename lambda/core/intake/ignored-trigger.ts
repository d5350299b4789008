import { describeEnvelope, type Envelope, parseEventTime } from "./event-envelope.js";
import type { IgnoredTrigger } from "./trigger.js";

/** An `ignored` trigger for this envelope: the reason is what the log line tells the operator. */
export function ignoredTrigger(envelope: Envelope, reason: string, eventName?: string): IgnoredTrigger {
  return {
    kind: "ignored",
    reason,
    received: describeEnvelope(envelope, eventName),
    eventId: envelope.id,
    eventTime: parseEventTime(envelope),
  };
}
