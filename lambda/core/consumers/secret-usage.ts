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
  /**
   * Set when every reference is `repositoryCredentials`: ECS reads registry credentials only to pull
   * the image, so a running task holds no copy and a rotation leaves nothing stale in it.
   */
  readonly pullOnly?: true;
  /**
   * Set when no `valueFrom` reads the secret but the service's tags say its app fetches it at run
   * time (`rollout-verifier:secret`): judged with its cache TTL.
   */
  readonly runtimeFetch?: true;
}

/** The usage of a task whose app fetches the secret at run time: nothing pinned, nothing injected. */
export const RUNTIME_FETCH_USAGE: SecretUsage = {
  references: [],
  pin: { pinned: false },
  runtimeFetch: true,
};

/**
 * True when a `rollout-verifier:secret` tag value names the watched secret: its full or partial ARN
 * (as a `valueFrom` would), or its name.
 */
export function tagNamesSecret(value: string | undefined, secret: SecretIdentity): boolean {
  const wanted = value?.trim();
  if (!wanted) return false;
  if (!wanted.startsWith("arn:")) return wanted === secret.name;
  const ref = tryParse(wanted);
  return (
    ref !== null && ref.kind === "secretsmanager" && ref.jsonKey === undefined && matchesSecret(ref, secret)
  );
}

/**
 * Finds the task definition's references to `secret` (`secrets`, `logConfiguration.secretOptions`,
 * `repositoryCredentials`, the last by full or partial ARN or by the secret's name, as ECS accepts
 * it). Returns null when it has none. A `valueFrom` ECS would reject is not a reference to anything
 * and is skipped rather than failing the whole run.
 */
export function findSecretUsage(
  taskDefinition: TaskDefinitionSnapshot,
  secret: SecretIdentity,
  currentVersionId: string,
): SecretUsage | null {
  const matched: { reference: SecretReference; ref: WatchedRef }[] = [];
  for (const reference of taskDefinition.secretReferences) {
    const ref = watchedRef(reference, secret);
    if (ref) matched.push({ reference, ref });
  }
  if (matched.length === 0) return null;
  if (matched.every(({ reference }) => reference.source === "repositoryCredentials"))
    return { references: matched.map(({ reference }) => reference), pin: { pinned: false }, pullOnly: true };
  const running = matched.filter(({ reference }) => reference.source !== "repositoryCredentials");
  const following = running.filter(({ ref }) => !pinStateOf(ref, currentVersionId).pinned);
  const chosen = following.find(({ reference }) => reference.source === "secrets") ?? following[0];
  const firstPin = pinStateOf((running[0] as (typeof running)[number]).ref, currentVersionId);
  return {
    references: matched.map(({ reference }) => reference),
    pin: chosen ? pinStateOf(chosen.ref, currentVersionId) : firstPin,
    ...(chosen?.ref.jsonKey ? { jsonKey: chosen.ref.jsonKey } : {}),
    ...(chosen ? { container: chosen.reference.container } : {}),
  };
}

/** True when `reference` reads the watched secret (see `findSecretUsage` for the forms it accepts). */
export function referencesSecret(reference: SecretReference, secret: SecretIdentity): boolean {
  return watchedRef(reference, secret) !== null;
}

/**
 * What decides how a reference reads the watched secret: its JSON key and its pin (stage or version
 * id). Nothing reads the rest of a matched reference.
 */
type WatchedRef = Pick<SecretsManagerRef, "jsonKey" | "versionStage" | "versionId">;

/**
 * The reference's JSON key and pin when it names the watched secret. A `credentialsParameter` may be
 * the secret's bare name (same region as the task), which `parseValueFrom` reads as an SSM parameter
 * name: it is matched against the secret's name here, and reads the whole secret at AWSCURRENT.
 */
function watchedRef(reference: SecretReference, secret: SecretIdentity): WatchedRef | null {
  const ref = tryParse(reference.valueFrom);
  if (ref?.kind === "secretsmanager") return matchesSecret(ref, secret) ? ref : null;
  if (reference.source !== "repositoryCredentials" || reference.valueFrom !== secret.name) return null;
  return {};
}

function tryParse(valueFrom: string): ValueFromRef | null {
  try {
    return parseValueFrom(valueFrom);
  } catch {
    return null;
  }
}
