/**
 * The EventBridge patterns that start a verification, as plain data. The CDK construct turns them
 * into rules and the local fleet's event router matches them with `matchesEventPattern`, so AWS and
 * loopback route exactly the same events.
 */

/** A scalar an event field may equal. */
export type PatternScalar = string | number | boolean | null;

/** Content-filter operators the verifier's patterns use (a subset of EventBridge's). */
export type PatternOperator =
  | { readonly prefix: string }
  | { readonly suffix: string }
  | { readonly "anything-but": PatternScalar | readonly PatternScalar[] | { readonly prefix: string } }
  | { readonly exists: boolean }
  | { readonly "equals-ignore-case": string };

/** One leaf matcher: an exact value or an operator. A field matches when any matcher of its list does. */
export type PatternMatcher = PatternScalar | PatternOperator;

/**
 * An EventBridge event pattern in its JSON form (`detail-type`, not `detailType`). Leaves are lists
 * of matchers; objects nest; `$or` holds alternative sub-patterns at its level.
 */
export interface EventPattern {
  readonly [field: string]: readonly PatternMatcher[] | EventPattern | readonly EventPattern[];
}

const secretsManager = ["aws.secretsmanager"] as const;
const cloudTrailSource = ["secretsmanager.amazonaws.com"] as const;
/** A call CloudTrail logged with an `errorCode` failed and moved nothing. */
const succeededCall = [{ exists: false }] as const;

/** AWSCURRENT moved to a new version (native event, no CloudTrail trail needed, carries the version id). */
export const secretLabelUpdatedPattern = {
  source: secretsManager,
  "detail-type": ["Secret Label Updated"],
  detail: { labelUpdated: ["AWSCURRENT"] },
} as const satisfies EventPattern;

/** A Secrets Manager rotation finished; the cut-over happened just before (fallback, needs a trail). */
export const rotationSucceededPattern = {
  source: secretsManager,
  "detail-type": ["AWS Service Event via CloudTrail"],
  detail: { eventSource: cloudTrailSource, eventName: ["RotationSucceeded"] },
} as const satisfies EventPattern;

/** rotation's finishSecret step (or an operator) moved AWSCURRENT explicitly (fallback, needs a trail). */
export const updateSecretVersionStagePattern = {
  source: secretsManager,
  "detail-type": ["AWS API Call via CloudTrail"],
  detail: {
    eventSource: cloudTrailSource,
    eventName: ["UpdateSecretVersionStage"],
    errorCode: succeededCall,
    requestParameters: { versionStage: ["AWSCURRENT"] },
  },
} as const satisfies EventPattern;

/**
 * A new value was put as AWSCURRENT: `versionStages` absent (the default stage) or listing AWSCURRENT.
 * Drops rotation's createSecret put, which stages AWSPENDING only (fallback, needs a trail).
 */
export const putSecretValuePattern = {
  source: secretsManager,
  "detail-type": ["AWS API Call via CloudTrail"],
  detail: {
    eventSource: cloudTrailSource,
    eventName: ["PutSecretValue"],
    errorCode: succeededCall,
    $or: [
      { requestParameters: { versionStages: [{ exists: false }] } },
      { requestParameters: { versionStages: ["AWSCURRENT"] } },
    ],
  },
} as const satisfies EventPattern;

/** A service deployment finished: re-verify a service the verifier force-deployed. */
export const ecsDeploymentStateChangePattern = {
  source: ["aws.ecs"],
  "detail-type": ["ECS Deployment State Change"],
  detail: { eventName: ["SERVICE_DEPLOYMENT_COMPLETED", "SERVICE_DEPLOYMENT_FAILED"] },
} as const satisfies EventPattern;

/** The CloudTrail-based fallbacks: only useful when a trail records Secrets Manager management events. */
export const cloudTrailFallbackPatterns = {
  rotationSucceeded: rotationSucceededPattern,
  updateSecretVersionStage: updateSecretVersionStagePattern,
  putSecretValue: putSecretValuePattern,
} as const;

/**
 * Every pattern that can start a run, by name: what an event router (the local fleet's) matches
 * an event against. The sweep is a schedule, not a pattern, and is absent.
 */
export const verifierEventPatterns = {
  secretLabelUpdated: secretLabelUpdatedPattern,
  ecsDeploymentStateChange: ecsDeploymentStateChangePattern,
  ...cloudTrailFallbackPatterns,
} as const;

/**
 * Narrows a pattern to events whose `resources` match one of `matchers` (the watched secrets' ARNs,
 * or a cluster's service-ARN prefix). An empty list means no narrowing, never "match nothing".
 */
export function scopeToResources<P extends EventPattern>(
  pattern: P,
  matchers: readonly PatternMatcher[],
): P | (P & { readonly resources: readonly PatternMatcher[] }) {
  return matchers.length === 0 ? pattern : { ...pattern, resources: matchers };
}

/** The run queue's one message group: every trigger the rules deliver waits for the run before it. */
export const RUN_MESSAGE_GROUP = "verification-runs";
