import * as z from "zod/mini";
import { type Envelope, ignoredTrigger as ignored, parseEventTime, parseOrThrow } from "./event-envelope.js";
import { parseCloudTrailCall } from "./parse-cloudtrail-call.js";
import { CutoverTriggerKind, type Trigger } from "./trigger.js";

const labelUpdatedSchema = z.object({
  labelUpdated: z.string().check(z.minLength(1)),
  versionId: z.string().check(z.minLength(1)),
});

const serviceEventSchema = z.object({
  eventName: z.string().check(z.minLength(1)),
  additionalEventData: z.nullish(z.object({ SecretId: z.optional(z.string().check(z.minLength(1))) })),
  serviceEventDetails: z.nullish(z.object({ secretId: z.optional(z.string().check(z.minLength(1))) })),
});

/**
 * Normalises an `aws.secretsmanager` event. Only AWSCURRENT moves are cut-overs; every other
 * label, rotation step or API call is `ignored` with the reason, so the log says why nothing ran.
 */
export function parseSecretsManagerEvent(envelope: Envelope): Trigger {
  switch (envelope["detail-type"]) {
    case "Secret Label Updated":
      return parseLabelUpdated(envelope);
    case "AWS Service Event via CloudTrail":
      return parseServiceEvent(envelope);
    case "AWS API Call via CloudTrail":
      return parseCloudTrailCall(envelope);
    default:
      return ignored(envelope, `detail-type "${envelope["detail-type"]}" is not a cut-over signal`);
  }
}

/** Native event: `resources[0]` is the secret ARN, `detail.versionId` the version now labelled. */
function parseLabelUpdated(envelope: Envelope): Trigger {
  const detail = parseOrThrow(
    labelUpdatedSchema,
    envelope.detail,
    `Secret Label Updated event ${envelope.id}`,
  );
  if (detail.labelUpdated !== "AWSCURRENT")
    return ignored(envelope, `label ${detail.labelUpdated} moved, not AWSCURRENT: not a cut-over`);
  const secretId = parseOrThrow(
    z.string().check(z.minLength(1)),
    envelope.resources[0],
    `Secret Label Updated event ${envelope.id} resources[0]`,
  );
  return {
    kind: CutoverTriggerKind.SecretLabelUpdated,
    secretId,
    versionId: detail.versionId,
    timing: "at-cutover",
    eventId: envelope.id,
    eventTime: parseEventTime(envelope),
  };
}

/**
 * RotationSucceeded carries no version id, and fires just after finishSecret moved AWSCURRENT,
 * so its time is an upper bound of the cut-over. The ARN is read defensively: CloudTrail-based events name it `arn` or `aRN` (docs/aws-contracts.md).
 */
function parseServiceEvent(envelope: Envelope): Trigger {
  const detail = parseOrThrow(serviceEventSchema, envelope.detail, `service event ${envelope.id}`);
  if (detail.eventName !== "RotationSucceeded")
    return ignored(envelope, `${detail.eventName} does not move AWSCURRENT`, detail.eventName);
  const secretId = parseOrThrow(
    z
      .string()
      .check(z.minLength(1, "no secret ARN in additionalEventData, serviceEventDetails or resources")),
    detail.additionalEventData?.SecretId ??
      detail.serviceEventDetails?.secretId ??
      envelope.resources[0] ??
      "",
    `RotationSucceeded event ${envelope.id}`,
  );
  return {
    kind: CutoverTriggerKind.RotationSucceeded,
    secretId,
    versionId: null,
    timing: "after-cutover",
    eventId: envelope.id,
    eventTime: parseEventTime(envelope),
  };
}
