import * as z from "zod/mini";
import { parseOrThrow } from "./event-envelope.js";
import type { LifecycleHookTrigger } from "./trigger.js";

const serviceArnSchema = z
  .string()
  .check(
    z.regex(/^arn:[^:]+:ecs:[^:]*:[^:]*:service\/[^/]+\/[^/]+$/, "not an ECS service ARN with a cluster"),
  );

const detailsSchema = z.object({
  serviceArn: serviceArnSchema,
  targetServiceRevisionArn: z
    .string()
    .check(z.regex(/^arn:[^:]+:ecs:[^:]*:[^:]*:service-revision\//, "not an ECS service revision ARN")),
});

const hookSchema = z.object({
  executionId: z.optional(z.string().check(z.minLength(1))),
  lifecycleStage: z.string().check(z.minLength(1)),
  resourceArn: z.optional(z.string().check(z.minLength(1))),
  executionDetails: z.optional(z.record(z.string(), z.unknown())),
  hookDetails: z.nullish(z.record(z.string(), z.unknown())),
});

/**
 * True for what ECS sends a lifecycle hook: an object with `lifecycleStage` that is not an
 * EventBridge envelope. Checked before the envelope so a hook is never mistaken for an unknown shape.
 */
export function isLifecycleHookEvent(event: unknown): event is Record<string, unknown> {
  return (
    typeof event === "object" &&
    event !== null &&
    !Array.isArray(event) &&
    "lifecycleStage" in event &&
    !("source" in event)
  );
}

/**
 * Normalises a lifecycle hook payload. ECS nests `serviceArn` and `targetServiceRevisionArn` under
 * `executionDetails`; the first published examples had them at the top level, so both are read
 * (nested first). A payload without them throws EventMalformedError: the gate cannot decide, and a
 * thrown invocation makes ECS roll back, which is the only safe answer to a payload nobody understands.
 */
export function parseLifecycleHook(event: Record<string, unknown>): LifecycleHookTrigger {
  const hook = parseOrThrow(hookSchema, event, "lifecycle hook payload");
  const details = parseOrThrow(
    detailsSchema,
    { ...event, ...(hook.executionDetails ?? {}) },
    `lifecycle hook payload (stage ${hook.lifecycleStage}) executionDetails`,
  );
  const [clusterName = "", serviceName = ""] = details.serviceArn
    .slice(details.serviceArn.indexOf(":service/") + ":service/".length)
    .split("/");
  return {
    kind: "lifecycle-hook",
    executionId: hook.executionId ?? hook.resourceArn ?? details.targetServiceRevisionArn,
    lifecycleStage: hook.lifecycleStage,
    serviceDeploymentArn: hook.resourceArn?.includes(":service-deployment/") ? hook.resourceArn : null,
    serviceArn: details.serviceArn,
    clusterName,
    serviceName,
    targetServiceRevisionArn: details.targetServiceRevisionArn,
    hookDetails: hook.hookDetails ?? {},
    eventId: hook.executionId ?? null,
    eventTime: null,
  };
}
