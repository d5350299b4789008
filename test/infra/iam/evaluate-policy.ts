import type { ResolvedStatement } from "./resolve-role-policy.js";

/** One authorization request: the action, the resource ARN IAM evaluates, and the request's condition keys. */
export interface AuthorizationRequest {
  readonly action: string;
  readonly resource: string;
  /** The resource's type in the Service Authorization Reference (`service`, `Secret`), `*` for none. */
  readonly resourceType?: string;
  /** Condition keys present in the request; a key absent here is absent from the request. */
  readonly keys: Readonly<Record<string, readonly string[]>>;
}

/** Allowed (and by which statement), or why not. */
export type Decision =
  | { readonly allowed: true; readonly by: string }
  | { readonly allowed: false; readonly reason: string };

/**
 * IAM's evaluation for one identity policy, as far as the verifier's statements need it: an explicit
 * Deny wins, then any Allow whose action, resource and conditions all match. Operators outside
 * StringEquals, ArnEquals, ArnLike and Null throw, so an unsupported condition never passes silently.
 */
export function evaluatePolicy(
  statements: readonly ResolvedStatement[],
  request: AuthorizationRequest,
): Decision {
  const applying = statements.filter((statement) => applies(statement, request));
  const deny = applying.find((statement) => statement.Effect === "Deny");
  if (deny) return { allowed: false, reason: `explicitly denied by ${deny.Sid ?? "a statement"}` };
  const grant = applying.find((statement) => statement.Effect === "Allow");
  if (grant) return { allowed: true, by: grant.Sid ?? "a statement" };
  return { allowed: false, reason: "no statement allows it (implicit deny)" };
}

function applies(statement: ResolvedStatement, request: AuthorizationRequest): boolean {
  return (
    statement.Action.some((pattern) => globMatches(pattern, request.action, true)) &&
    statement.Resource.some((pattern) => globMatches(pattern, request.resource, false)) &&
    Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
      Object.entries(keys).every(([key, expected]) => conditionHolds(operator, request.keys[key], expected)),
    )
  );
}

function conditionHolds(
  operator: string,
  actual: readonly string[] | undefined,
  expected: readonly string[],
): boolean {
  switch (operator) {
    case "StringEquals":
      return (actual ?? []).some((value) => expected.includes(value));
    case "ArnEquals":
    case "ArnLike":
      return (actual ?? []).some((value) => expected.some((pattern) => globMatches(pattern, value, false)));
    case "Null":
      return expected.every((flag) => (flag === "true") === (actual === undefined));
    default:
      throw new Error(`condition operator ${operator} is not evaluated by this test; extend evaluatePolicy`);
  }
}

/** IAM wildcards: `*` any run of characters, `?` one character; actions compare case-insensitively. */
export function globMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .split("")
    .map((char) => (char === "*" ? ".*" : char === "?" ? "." : char.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, ignoreCase ? "i" : "").test(value);
}
