import * as z from "zod/mini";
import { checkDirectFields, type FunctionPlace } from "./check-direct-fields.js";
import { envelopeSchema, ignoredTrigger, parseEventTime, parseOrThrow } from "./event-envelope.js";
import { parseEcsDeploymentEvent } from "./parse-ecs-deployment-event.js";
import { isLifecycleHookEvent, parseLifecycleHook } from "./parse-lifecycle-hook.js";
import { parseSecretsManagerEvent } from "./parse-secrets-manager-event.js";
import type { Trigger } from "./trigger.js";

const directSchema = z.strictObject({
  secretId: z.string().check(z.minLength(1)),
  clusters: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
  dryRun: z.optional(z.boolean()),
});

/**
 * Turns whatever invoked the Lambda into one `Trigger` (an ECS lifecycle hook included). Unknown shapes become `ignored` (with a
 * value-free description of what arrived), never an exception: EventBridge would retry a throw.
 * A known event kind with a broken shape throws EventMalformedError: nothing is acted on.
 */
export function parseTrigger(event: unknown, place?: FunctionPlace): Trigger {
  if (isLifecycleHookEvent(event)) return parseLifecycleHook(event);
  if (isRecord(event) && "secretId" in event && !("source" in event)) return parseDirect(event, place);
  const envelope = envelopeSchema.safeParse(event);
  if (!envelope.success) return unknownShape(event);
  const parsed = envelope.data;
  switch (parsed.source) {
    case "aws.secretsmanager":
      return parseSecretsManagerEvent(parsed);
    case "aws.ecs":
      return parseEcsDeploymentEvent(parsed);
    case "aws.events":
      if (parsed["detail-type"] === "Scheduled Event")
        return { kind: "sweep", eventId: parsed.id, eventTime: parseEventTime(parsed) };
      return ignoredTrigger(parsed, `detail-type "${parsed["detail-type"]}" is not a scheduled sweep`);
    default:
      return ignoredTrigger(parsed, `source ${parsed.source} is not one the verifier handles`);
  }
}

/** A direct invocation, its fields checked as the stack's context is (`checkDirectFields`). */
function parseDirect(event: Record<string, unknown>, place: FunctionPlace | undefined): Trigger {
  const direct = parseOrThrow(directSchema, event, "direct invocation");
  checkDirectFields(direct, place);
  return {
    kind: "direct",
    secretId: direct.secretId,
    ...(direct.clusters ? { clusters: direct.clusters } : {}),
    ...(direct.dryRun === undefined ? {} : { dryRun: direct.dryRun }),
    eventId: null,
    eventTime: null,
  };
}

/** Names only the top-level keys of what arrived: enough to recognise it, never a value. */
function unknownShape(event: unknown): Trigger {
  const received = isRecord(event)
    ? `object with keys ${Object.keys(event).slice(0, 10).join(",") || "(none)"}`
    : typeof event;
  return {
    kind: "ignored",
    reason: "not an EventBridge event nor a direct { secretId } invocation",
    received,
    eventId: null,
    eventTime: null,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
