import type { ProbeSecretChoice } from "../report/report.js";
import type { ContainerDefinitionSnapshot, SecretReference, TaskDefinitionSnapshot } from "../snapshots.js";
import { parseValueFrom, pinStateOf, type SecretIdentity } from "./parse-value-from.js";
import { referencesSecret } from "./secret-usage.js";

/** Whether a probe can say anything about the watched secret for one task definition, and with what. */
export type ProbeKeyChoice =
  | { readonly kind: "applies"; readonly secret: ProbeSecretChoice }
  | { readonly kind: "not-applicable"; readonly reason: string };

/** Where to probe a task definition's tasks and which key to sign with. */
export interface ProbePlan {
  /** Undefined when no container declares a port (and no tag names one). */
  readonly containerPort?: number;
  readonly key: ProbeKeyChoice;
}

/** Tag-derived choices: the probe port and the probed container's JWT-key variable. */
export interface ProbeKeyTags {
  readonly containerPort?: number;
  readonly probeSecret?: string;
}

/** How every not-applicable reason starts, so a verdict can say "judged by timestamps only". */
export const PROBE_NOT_APPLICABLE = "The probe does not apply to this secret";

/** Variable names that say "I am a JWT key". */
const KEY_LIKE_NAME = /JWT|KEY|SECRET|SIGNING/i;

/**
 * A probe proves something about a secret only when the probed container (the one that owns the
 * probe port) verifies JWTs with it. That container's JWT key is the `secrets[]` variable the
 * `rollout-verifier:probe-secret` tag names, else its only secret, else the one variable named like a
 * key (JWT/KEY/SECRET/SIGNING). When that variable reads the watched secret (following AWSCURRENT),
 * the probe applies and signs with its json-key; otherwise (another secret, a reference only in
 * `logConfiguration`/`repositoryCredentials`/another container, no clear key) timestamps decide, and
 * the reason says why.
 */
export function chooseProbeSecret(
  definition: TaskDefinitionSnapshot,
  secret: SecretIdentity,
  currentVersionId: string,
  tags: ProbeKeyTags,
): ProbePlan {
  const reads = (reference: SecretReference) => readsWatched(reference, secret);
  const owner = probedContainer(definition, tags.containerPort, reads);
  const containerPort = tags.containerPort ?? owner?.portMappings[0]?.containerPort;
  const port = containerPort === undefined ? {} : { containerPort };
  if (!owner) return { ...port, key: notApplicable("the task definition has no container to probe") };
  const candidates = definition.secretReferences.filter(
    (reference) => reference.source === "secrets" && reference.container === owner.name && reference.name,
  );
  const picked = pickVariable(owner.name, candidates, tags.probeSecret, currentVersionId);
  if ("reason" in picked)
    return { ...port, key: notApplicable(`${picked.reason}${elsewhere(definition, reads)}`) };
  const { reference, chosenBy } = picked;
  const variable = reference.name ?? "";
  if (!reads(reference))
    return {
      ...port,
      key: notApplicable(
        `container ${owner.name} verifies JWTs with ${variable}, which reads another secret or parameter${elsewhere(definition, reads)}`,
      ),
    };
  const ref = tryParse(reference.valueFrom);
  if (ref?.kind === "secretsmanager" && pinStateOf(ref, currentVersionId).pinned)
    return { ...port, key: notApplicable(`${variable} of container ${owner.name} reads a pinned version`) };
  const jsonKey = ref?.kind === "secretsmanager" ? ref.jsonKey : undefined;
  return {
    ...port,
    key: {
      kind: "applies",
      secret: { variable, container: owner.name, ...(jsonKey ? { jsonKey } : {}), chosenBy },
    },
  };
}

/** The container that owns the probe port: the tag's port, else the first with a port that reads the secret, else the first with a port. */
function probedContainer(
  definition: TaskDefinitionSnapshot,
  tagPort: number | undefined,
  reads: (reference: SecretReference) => boolean,
): ContainerDefinitionSnapshot | undefined {
  const containers = definition.containers;
  if (tagPort !== undefined) {
    const declaring = containers.find((c) => c.portMappings.some((m) => m.containerPort === tagPort));
    if (declaring) return declaring;
  }
  const consumerNames = new Set(
    definition.secretReferences.filter((r) => r.source === "secrets" && reads(r)).map((r) => r.container),
  );
  const withPort = containers.filter((c) => c.portMappings.length > 0);
  return withPort.find((c) => consumerNames.has(c.name)) ?? withPort[0] ?? containers[0];
}

function pickVariable(
  container: string,
  candidates: readonly SecretReference[],
  tagged: string | undefined,
  currentVersionId: string,
): { reference: SecretReference; chosenBy: ProbeSecretChoice["chosenBy"] } | { reason: string } {
  if (tagged !== undefined) {
    const reference = candidates.find((candidate) => candidate.name === tagged);
    return reference
      ? { reference, chosenBy: "tag" }
      : { reason: `the probe-secret tag names ${tagged}, which container ${container} reads no secret into` };
  }
  const [only] = candidates;
  if (!only) return { reason: `container ${container} reads no secret through secrets[]` };
  if (candidates.length === 1) return { reference: only, chosenBy: "only" };
  const named = candidates.filter((candidate) => KEY_LIKE_NAME.test(candidate.name ?? ""));
  const [one] = named.length === 1 ? named : dualKeyCurrent(named, currentVersionId);
  if (one) return { reference: one, chosenBy: "name" };
  const names = (named.length > 0 ? named : candidates).map((candidate) => candidate.name).join(", ");
  return {
    reason: `container ${container} reads ${candidates.length} secrets and ${named.length === 0 ? "none" : `${named.length}`} of them (${names}) could be its JWT key: tag the service rollout-verifier:probe-secret=<variable> to choose`,
  };
}

/**
 * The dual-key grace pattern: one secret read twice, as AWSCURRENT and pinned to another stage or
 * version (`JWT_KEY` and `JWT_KEY_PREVIOUS`). That is one secret, not several: the key the app
 * verifies new tokens with is the reference that follows AWSCURRENT.
 */
function dualKeyCurrent(named: readonly SecretReference[], currentVersionId: string): SecretReference[] {
  const refs = named.map((reference) => ({ reference, ref: tryParse(reference.valueFrom) }));
  const secrets = new Set(refs.map(({ ref }) => (ref?.kind === "secretsmanager" ? ref.arn : undefined)));
  if (secrets.size !== 1 || secrets.has(undefined)) return [];
  const following = refs.filter(
    ({ ref }) => ref?.kind === "secretsmanager" && !pinStateOf(ref, currentVersionId).pinned,
  );
  return following.length === 1 ? following.map(({ reference }) => reference) : [];
}

function tryParse(valueFrom: string) {
  try {
    return parseValueFrom(valueFrom);
  } catch {
    return undefined;
  }
}

/** Where else the watched secret reaches the task, for the report. */
function elsewhere(
  definition: TaskDefinitionSnapshot,
  reads: (reference: SecretReference) => boolean,
): string {
  const places = definition.secretReferences.filter(reads).map((reference) => {
    if (reference.source === "logConfiguration")
      return `logConfiguration.secretOptions of ${reference.container}`;
    if (reference.source === "repositoryCredentials")
      return `repositoryCredentials of ${reference.container} (read at image pull only)`;
    return `${reference.name} of ${reference.container}`;
  });
  return places.length === 0 ? "" : `; this secret reaches ${[...new Set(places)].join(", ")}`;
}

function readsWatched(reference: SecretReference, secret: SecretIdentity): boolean {
  return referencesSecret(reference, secret);
}

function notApplicable(why: string): ProbeKeyChoice {
  return { kind: "not-applicable", reason: `${PROBE_NOT_APPLICABLE}: ${why}.` };
}
