import type { EventPattern } from "../../lib/event-patterns.js";
import {
  cloudTrailFallbackPatterns,
  ecsDeploymentStateChangePattern,
  secretLabelUpdatedPattern,
} from "../../lib/event-patterns.js";
import type { FleetEvent } from "../contracts.js";
import { matchesEventPattern } from "../events/match-event-pattern.js";

/**
 * The rules the CDK stack deploys, by the very pattern objects it deploys them from. Locally every
 * rule is on, CloudTrail fallbacks included: the fleet emits those events, and the handler must prove
 * it dedupes a rotation announced twice.
 */
export const verifierRoutes: Readonly<Record<string, EventPattern>> = {
  SecretLabelUpdated: secretLabelUpdatedPattern,
  RotationSucceeded: cloudTrailFallbackPatterns.rotationSucceeded,
  UpdateSecretVersionStage: cloudTrailFallbackPatterns.updateSecretVersionStage,
  PutSecretValue: cloudTrailFallbackPatterns.putSecretValue,
  EcsDeploymentStateChange: ecsDeploymentStateChangePattern,
};

/** The name of the first rule whose pattern matches `event`, or undefined: EventBridge drops it. */
export function matchVerifierRoute(event: FleetEvent): string | undefined {
  return Object.entries(verifierRoutes).find(([, pattern]) => matchesEventPattern(pattern, event))?.[0];
}
