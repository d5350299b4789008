import type { SecretReference, TaskDefinitionSnapshot } from "../snapshots.js";
import {
  matchesSecret,
  type PinState,
  parseValueFrom,
  pinStateOf,
  type SecretIdentity,
  type SecretsManagerRef,
  type ValueFromRef,
} from "./parse-value-from.js";

/** How one task definition consumes the watched secret. */
export interface SecretUsage {
  readonly references: readonly SecretReference[];
  /** Pinned only when no reference follows AWSCURRENT (an extra AWSPREVIOUS reference is the usual dual-key grace pattern). */
  readonly pin: PinState;
  /** The JSON key of the reference that follows AWSCURRENT, to sign probes with the same field the app reads. */
  readonly jsonKey?: string;
  /** The container holding that reference: its port is the default probe port. */
  readonly container?: string;
}

/**
 * Finds the task definition's references to `secret` (`secrets`, `logConfiguration.secretOptions`,
 * `repositoryCredentials`). Returns null when it has none. A `valueFrom` ECS would reject is not a
 * reference to anything and is skipped rather than failing the whole run.
 */
export function findSecretUsage(
  taskDefinition: TaskDefinitionSnapshot,
  secret: SecretIdentity,
  currentVersionId: string,
): SecretUsage | null {
  const matched: { reference: SecretReference; ref: SecretsManagerRef }[] = [];
  for (const reference of taskDefinition.secretReferences) {
    const ref = tryParse(reference.valueFrom);
    if (ref?.kind === "secretsmanager" && matchesSecret(ref, secret)) matched.push({ reference, ref });
  }
  if (matched.length === 0) return null;
  const following = matched.filter(({ ref }) => !pinStateOf(ref, currentVersionId).pinned);
  const chosen = following.find(({ reference }) => reference.source === "secrets") ?? following[0];
  const firstPin = pinStateOf((matched[0] as (typeof matched)[number]).ref, currentVersionId);
  return {
    references: matched.map(({ reference }) => reference),
    pin: chosen ? pinStateOf(chosen.ref, currentVersionId) : firstPin,
    ...(chosen?.ref.jsonKey ? { jsonKey: chosen.ref.jsonKey } : {}),
    ...(chosen ? { container: chosen.reference.container } : {}),
  };
}

function tryParse(valueFrom: string): ValueFromRef | null {
  try {
    return parseValueFrom(valueFrom);
  } catch {
    return null;
  }
}
