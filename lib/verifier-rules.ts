import { Duration, Stack } from "aws-cdk-lib";
import type { ICluster } from "aws-cdk-lib/aws-ecs";
import { type EventPattern as CdkEventPattern, Rule } from "aws-cdk-lib/aws-events";
import { SqsQueue } from "aws-cdk-lib/aws-events-targets";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { EventPattern, PatternMatcher } from "./event-patterns.js";
import {
  ecsDeploymentStateChangePattern,
  putSecretValuePattern,
  RUN_MESSAGE_GROUP,
  rotationSucceededPattern,
  scopeToResources,
  secretLabelUpdatedPattern,
  updateSecretVersionStagePattern,
} from "./event-patterns.js";
import type { VerifierSettings } from "./resolve-verifier-settings.js";

/** What the rules deliver to. */
export interface VerifierRulesProps {
  /** The FIFO run queue the verification function reads one message at a time. */
  readonly runQueue: IQueue;
  /** A standard queue (EventBridge's dead-letter queues must be) for events it could not deliver. */
  readonly undeliveredEvents: IQueue;
  readonly settings: VerifierSettings;
}

/**
 * One EventBridge rule per trigger, built from the exported plain patterns. Secret Label Updated is
 * narrowed to the watched secrets' ARNs; the CloudTrail fallbacks are not (their ARN sits under `arn`
 * or `aRN`, or in `additionalEventData`), the function filters those by its watched-secrets list.
 */
export class VerifierRules extends Construct {
  readonly rules: Readonly<Record<string, Rule>>;

  constructor(scope: Construct, id: string, props: VerifierRulesProps) {
    super(scope, id);
    const { settings } = props;
    const target = new SqsQueue(props.runQueue, {
      messageGroupId: RUN_MESSAGE_GROUP,
      deadLetterQueue: props.undeliveredEvents,
      retryAttempts: 8,
      maxEventAge: Duration.hours(2),
    });
    const rule = (ruleId: string, description: string, pattern: EventPattern): Rule =>
      new Rule(this, ruleId, { description, eventPattern: toCdkEventPattern(pattern), targets: [target] });
    const rules: Record<string, Rule> = {
      secretLabelUpdated: rule(
        "SecretLabelUpdated",
        "AWSCURRENT moved on a watched secret: verify its consumers",
        scopeToResources(secretLabelUpdatedPattern, settings.secrets.map(secretResourceMatcher)),
      ),
      deploymentStateChange: rule(
        "DeploymentStateChange",
        "A deployment in a watched cluster finished: re-verify services the verifier force-deployed",
        scopeToResources(ecsDeploymentStateChangePattern, clusterServiceMatchers(this, settings.clusters)),
      ),
      sweep: new Rule(this, "Sweep", {
        description: "Periodic sweep: catches rotations whose events were missed",
        schedule: settings.sweepSchedule,
        targets: [target],
      }),
    };
    if (settings.cloudTrailFallbacks) {
      rules.rotationSucceeded = rule(
        "RotationSucceeded",
        "CloudTrail fallback: rotation finished",
        rotationSucceededPattern,
      );
      rules.updateSecretVersionStage = rule(
        "UpdateSecretVersionStage",
        "CloudTrail fallback: AWSCURRENT moved explicitly",
        updateSecretVersionStagePattern,
      );
      rules.putSecretValue = rule(
        "PutSecretValue",
        "CloudTrail fallback: a value was put as AWSCURRENT",
        putSecretValuePattern,
      );
    }
    this.rules = rules;
  }
}

/** The exported JSON-form pattern as CDK takes it: CDK passes keys through as given (a copy, never the constant). */
export function toCdkEventPattern(pattern: EventPattern): CdkEventPattern {
  return structuredClone(pattern) as unknown as CdkEventPattern;
}

/** The complete ARN when known; for a partial ARN, a prefix up to Secrets Manager's random suffix. */
function secretResourceMatcher(secret: VerifierSettings["secrets"][number]): PatternMatcher {
  return secret.secretFullArn ?? { prefix: `${secret.secretArn}-` };
}

function clusterServiceMatchers(
  scope: Construct,
  clusters: readonly ICluster[] | undefined,
): PatternMatcher[] {
  if (!clusters) return [];
  const stack = Stack.of(scope);
  return clusters.map((cluster) => ({
    prefix: stack.formatArn({ service: "ecs", resource: "service", resourceName: `${cluster.clusterName}/` }),
  }));
}
