import { en } from "zod/locales";
import * as z from "zod/mini";
import { EventMalformedError } from "../../errors.js";
import type { IgnoredTrigger } from "./trigger.js";

/**
 * The EventBridge envelope fields every parser relies on. Only what we read is validated; unknown
 * keys pass through, because AWS adds fields over time and that must not break intake.
 */
export const envelopeSchema = z.object({
  id: z.string().check(z.minLength(1)),
  "detail-type": z.string().check(z.minLength(1)),
  source: z.string().check(z.minLength(1)),
  time: z.string().check(z.minLength(1)),
  resources: z._default(z.array(z.string()), []),
  detail: z.unknown(),
});
/** A validated envelope: the fields every parser reads. */
export type Envelope = z.infer<typeof envelopeSchema>;

/** A short, value-free label for logs: `source/detail-type[/eventName]`. */
export function describeEnvelope(envelope: Envelope, eventName?: string): string {
  const base = `${envelope.source}/${envelope["detail-type"]}`;
  return eventName ? `${base}/${eventName}` : base;
}

/**
 * English issue messages ("Too small: expected string to have >=1 characters") for the errors an
 * operator reads; `zod/mini` ships none, and this is the only locale the bundle carries.
 */
const englishIssues = en().localeError;

/** Parses with `schema`, or throws EventMalformedError naming the event and the first problems (paths only, no values). */
export function parseOrThrow<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value, { error: englishIssues });
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
  throw new EventMalformedError(`${what} is malformed: ${problems}`, { cause: result.error });
}

/** The envelope time as a Date, or EventMalformedError when it is not a timestamp. */
export function parseEventTime(envelope: Envelope): Date {
  const time = new Date(envelope.time);
  if (Number.isNaN(time.getTime()))
    throw new EventMalformedError(`event ${envelope.id} (${describeEnvelope(envelope)}) has an invalid time`);
  return time;
}

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
