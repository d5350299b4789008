import type { FleetEvent } from "../contracts.js";
import type { SecretRecord } from "./secret-store.js";
import type { SecretsManagerContext } from "./secrets-manager-context.js";
import type { LabelMove } from "./staging-labels.js";
import { StagingLabel } from "./staging-labels.js";

const SOURCE = "aws.secretsmanager";
const EVENT_SOURCE = "secretsmanager.amazonaws.com";

/** Who made a CloudTrail-logged call: a user of the fleet, or the built-in rotation function. */
export type CallActor = "caller" | "rotation";

/** EventBridge time: ISO-8601 to the second, as AWS stamps envelopes. */
function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function envelope(
  ctx: SecretsManagerContext,
  detailType: string,
  time: Date,
  resources: readonly string[],
  detail: Record<string, unknown>,
): FleetEvent {
  const { account, region } = ctx.identity;
  return {
    version: "0",
    id: ctx.newId(),
    "detail-type": detailType,
    source: SOURCE,
    account,
    time: isoSeconds(time),
    region,
    resources,
    detail,
  };
}

function userIdentity(ctx: SecretsManagerContext, actor: CallActor): Record<string, unknown> {
  const { account } = ctx.identity;
  const role = actor === "rotation" ? "local-fleet-rotation" : "local-fleet-operator";
  const principalId = `AROALOCALFLEET${actor.toUpperCase()}`;
  return {
    type: "AssumedRole",
    principalId: `${principalId}:${role}`,
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${role}`,
    accountId: account,
    accessKeyId: "ASIALOCALFLEET000000",
    sessionContext: {
      sessionIssuer: {
        type: "Role",
        principalId,
        arn: `arn:aws:iam::${account}:role/${role}`,
        accountId: account,
        userName: role,
      },
      attributes: { creationDate: isoSeconds(ctx.now()), mfaAuthenticated: "false" },
    },
  };
}

/** The native `Secret Label Updated` event: sent for every label move except AWSPENDING and AWSPREVIOUS. */
export function labelUpdatedEvents(
  ctx: SecretsManagerContext,
  secret: SecretRecord,
  moves: readonly LabelMove[],
): FleetEvent[] {
  const silent: readonly string[] = [StagingLabel.pending, StagingLabel.previous];
  return moves
    .filter((move) => !silent.includes(move.label))
    .map((move) =>
      envelope(ctx, "Secret Label Updated", ctx.now(), [secret.arn], {
        name: secret.name,
        labelUpdated: move.label,
        versionId: move.versionId,
      }),
    );
}

/** `AWS API Call via CloudTrail` for a mutating call; `requestParameters` never hold a secret value. */
export function apiCallEvent(
  ctx: SecretsManagerContext,
  eventName: string,
  actor: CallActor,
  requestParameters: Record<string, unknown>,
  secret: SecretRecord,
): FleetEvent {
  const time = ctx.now();
  const { account, region } = ctx.identity;
  return envelope(ctx, "AWS API Call via CloudTrail", time, [], {
    eventVersion: "1.09",
    userIdentity: userIdentity(ctx, actor),
    eventTime: isoSeconds(time),
    eventSource: EVENT_SOURCE,
    eventName,
    awsRegion: region,
    sourceIPAddress: actor === "rotation" ? EVENT_SOURCE : "127.0.0.1",
    userAgent: actor === "rotation" ? EVENT_SOURCE : "local-fleet",
    requestParameters,
    responseElements: { arn: secret.arn },
    requestID: ctx.newId(),
    eventID: ctx.newId(),
    readOnly: false,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: "Management",
    tlsDetails: {
      tlsVersion: "TLSv1.3",
      cipherSuite: "TLS_AES_128_GCM_SHA256",
      clientProvidedHostHeader: `secretsmanager.${region}.amazonaws.com`,
    },
  });
}

/** `AWS Service Event via CloudTrail` raised by Secrets Manager itself: RotationStarted, RotationSucceeded, ... */
export function serviceEvent(
  ctx: SecretsManagerContext,
  eventName: string,
  secret: SecretRecord,
): FleetEvent {
  const time = ctx.now();
  const { account, region } = ctx.identity;
  return envelope(ctx, "AWS Service Event via CloudTrail", time, [], {
    eventVersion: "1.08",
    userIdentity: { accountId: account, invokedBy: EVENT_SOURCE },
    eventTime: isoSeconds(time),
    eventSource: EVENT_SOURCE,
    eventName,
    awsRegion: region,
    sourceIPAddress: EVENT_SOURCE,
    userAgent: EVENT_SOURCE,
    requestParameters: null,
    responseElements: null,
    additionalEventData: { SecretId: secret.arn },
    requestID: `Rotation-${secret.arn}-${ctx.newId()}`,
    eventID: ctx.newId(),
    readOnly: false,
    eventType: "AwsServiceEvent",
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: "Management",
  });
}
