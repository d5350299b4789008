/**
 * The one normalised shape every incoming event becomes. The handler routes on `kind`; nothing
 * downstream ever looks at a raw EventBridge envelope again.
 */

/** Events that say AWSCURRENT moved (or is about to move) for one secret. */
export const CutoverTriggerKind = {
  SecretLabelUpdated: "secret-label-updated",
  RotationSucceeded: "rotation-succeeded",
  UpdateSecretVersionStage: "update-secret-version-stage",
  PutSecretValue: "put-secret-value",
  UpdateSecret: "update-secret",
  RotateSecret: "rotate-secret",
} as const;
export type CutoverTriggerKind = (typeof CutoverTriggerKind)[keyof typeof CutoverTriggerKind];

/**
 * How an event's time relates to the cut-over: `at` (the event is the move itself), `after`
 * (RotationSucceeded follows finishSecret), `before` (RotateSecret starts a rotation).
 */
export type EventTiming = "at-cutover" | "after-cutover" | "before-cutover";

interface TriggerBase {
  /** EventBridge `id`, or null for direct invocations. */
  readonly eventId: string | null;
  readonly eventTime: Date | null;
}

/** A secret's AWSCURRENT moved; `secretId` is what the event named (an ARN, or a name for RotateSecret). */
export interface CutoverTrigger extends TriggerBase {
  readonly kind: CutoverTriggerKind;
  readonly secretId: string;
  /** The version that became (or will become) AWSCURRENT, when the event says. */
  readonly versionId: string | null;
  readonly timing: EventTiming;
}

/** An ECS deployment of one service finished: re-verify that service. */
export interface DeploymentStateTrigger extends TriggerBase {
  readonly kind: "deployment-state-change";
  readonly serviceArn: string;
  /** Null for old-format service ARNs that carry no cluster name. */
  readonly clusterName: string | null;
  readonly serviceName: string;
  readonly deploymentId: string;
  readonly state: "COMPLETED" | "FAILED";
}

/** A scheduled sweep: verify every watched secret, catching missed events. */
export interface SweepTrigger extends TriggerBase {
  readonly kind: "sweep";
}

/** `{ secretId, clusters?, dryRun? }` from the CLI, a test, or an operator. */
export interface DirectTrigger extends TriggerBase {
  readonly kind: "direct";
  readonly secretId: string;
  readonly clusters?: readonly string[];
  readonly dryRun?: boolean;
}

/**
 * An ECS deployment lifecycle hook invocation (a blue/green, linear or canary deployment asking
 * whether it may go on). Decided by the gate, which answers ECS with a `hookStatus`.
 */
export interface LifecycleHookTrigger extends TriggerBase {
  readonly kind: "lifecycle-hook";
  /** One hook execution; ECS keeps it across IN_PROGRESS re-invocations. */
  readonly executionId: string;
  /** `POST_SCALE_UP`, `TEST_TRAFFIC_SHIFT`...: the gate verifies at `POST_SCALE_UP` only. */
  readonly lifecycleStage: string;
  /** The service deployment ARN (`service-deployment/<cluster>/<service>/<id>`), when ECS sent it. */
  readonly serviceDeploymentArn: string | null;
  readonly serviceArn: string;
  readonly clusterName: string;
  readonly serviceName: string;
  /** The revision being deployed (green): DescribeServiceRevisions gives its task definition. */
  readonly targetServiceRevisionArn: string;
  /** The hook's configured `hookDetails`, merged by ECS with what an IN_PROGRESS answer returned. */
  readonly hookDetails: Readonly<Record<string, unknown>>;
}

/** Anything that is not a cut-over: logged with what was received and why, never acted on. */
export interface IgnoredTrigger extends TriggerBase {
  readonly kind: "ignored";
  readonly reason: string;
  /** A short, value-free description of the event, e.g. `aws.secretsmanager/PutSecretValue`. */
  readonly received: string;
}

/** Every event the handler can receive, normalised. */
export type Trigger =
  | CutoverTrigger
  | DeploymentStateTrigger
  | SweepTrigger
  | DirectTrigger
  | LifecycleHookTrigger
  | IgnoredTrigger;

/** True for the kinds that name a secret whose AWSCURRENT moved. */
export function isCutoverTrigger(trigger: Trigger): trigger is CutoverTrigger {
  return (Object.values(CutoverTriggerKind) as string[]).includes(trigger.kind);
}
