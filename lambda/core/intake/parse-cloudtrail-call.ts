import * as z from "zod/mini";
import { type Envelope, ignoredTrigger as ignored, parseEventTime, parseOrThrow } from "./event-envelope.js";
import { CutoverTriggerKind, type Trigger } from "./trigger.js";

const callSchema = z.object({
  eventName: z.string().check(z.minLength(1)),
  errorCode: z.optional(z.string()),
  requestParameters: z.nullish(z.record(z.string(), z.unknown())),
  responseElements: z.nullish(z.record(z.string(), z.unknown())),
});
type Call = z.infer<typeof callSchema>;

const putSchema = z.object({
  secretId: z.string().check(z.minLength(1)),
  clientRequestToken: z.optional(z.string().check(z.minLength(1))),
  versionStages: z.optional(z.array(z.string())),
});
const stageSchema = z.object({
  secretId: z.string().check(z.minLength(1)),
  versionStage: z.string().check(z.minLength(1)),
  moveToVersionId: z.optional(z.string().check(z.minLength(1))),
});
const secretCallSchema = z.object({
  secretId: z.string().check(z.minLength(1)),
  clientRequestToken: z.optional(z.string().check(z.minLength(1))),
});

/**
 * CloudTrail API calls on Secrets Manager. A cut-over is: UpdateSecretVersionStage moving AWSCURRENT,
 * PutSecretValue without `versionStages` or with AWSCURRENT, UpdateSecret with a new value
 * (`clientRequestToken`), and RotateSecret (which starts a rotation; its cut-over comes later).
 * `clientRequestToken` is the id of the new version. Failed calls (`errorCode`) changed nothing.
 */
export function parseCloudTrailCall(envelope: Envelope): Trigger {
  const call = parseOrThrow(callSchema, envelope.detail, `CloudTrail event ${envelope.id}`);
  const name = call.eventName;
  if (call.errorCode) return ignored(envelope, `the call failed (${call.errorCode}): nothing moved`, name);
  const what = `${name} event ${envelope.id}`;
  switch (name) {
    case "UpdateSecretVersionStage": {
      const params = parseOrThrow(stageSchema, call.requestParameters, `${what} requestParameters`);
      if (params.versionStage !== "AWSCURRENT")
        return ignored(envelope, `moves stage ${params.versionStage}, not AWSCURRENT: not a cut-over`, name);
      if (!params.moveToVersionId)
        return ignored(envelope, "removes AWSCURRENT without moving it: not a cut-over", name);
      return cutover(
        envelope,
        call,
        CutoverTriggerKind.UpdateSecretVersionStage,
        params.secretId,
        params.moveToVersionId,
        "at-cutover",
      );
    }
    case "PutSecretValue": {
      const params = parseOrThrow(putSchema, call.requestParameters, `${what} requestParameters`);
      const stages = params.versionStages;
      if (stages && !stages.includes("AWSCURRENT"))
        return ignored(
          envelope,
          `stages ${stages.join(",")} only (rotation's createSecret step): not a cut-over`,
          name,
        );
      return cutover(
        envelope,
        call,
        CutoverTriggerKind.PutSecretValue,
        params.secretId,
        params.clientRequestToken,
        "at-cutover",
      );
    }
    case "UpdateSecret": {
      const params = parseOrThrow(secretCallSchema, call.requestParameters, `${what} requestParameters`);
      if (!params.clientRequestToken)
        return ignored(envelope, "metadata change only, no new value: not a cut-over", name);
      return cutover(
        envelope,
        call,
        CutoverTriggerKind.UpdateSecret,
        params.secretId,
        params.clientRequestToken,
        "at-cutover",
      );
    }
    case "RotateSecret": {
      const params = parseOrThrow(secretCallSchema, call.requestParameters, `${what} requestParameters`);
      return cutover(
        envelope,
        call,
        CutoverTriggerKind.RotateSecret,
        params.secretId,
        params.clientRequestToken,
        "before-cutover",
      );
    }
    default:
      return ignored(envelope, `${name} does not move AWSCURRENT`, name);
  }
}

/** Builds the trigger, preferring the full ARN of `responseElements` (`arn`, or `aRN` before 2024). */
function cutover(
  envelope: Envelope,
  call: Call,
  kind: CutoverTriggerKind,
  requestedId: string,
  versionId: string | undefined,
  timing: "at-cutover" | "before-cutover",
): Trigger {
  const response = call.responseElements ?? {};
  const arn = [response.arn, response.aRN].find(
    (value): value is string => typeof value === "string" && value !== "",
  );
  return {
    kind,
    secretId: arn ?? requestedId,
    versionId: versionId ?? null,
    timing,
    eventId: envelope.id,
    eventTime: parseEventTime(envelope),
  };
}
