import type { Template } from "aws-cdk-lib/assertions";

/** One policy statement with every CloudFormation intrinsic resolved to text, as IAM would read it. */
export interface ResolvedStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** Where the stack was synthesized: resolves the pseudo parameters. */
export interface Place {
  readonly account: string;
  readonly region: string;
}

/**
 * The statements of the inline policies on the verifier function's execution role (other roles,
 * such as the deployment gate's hook role, are not the function's). `Fn::GetAtt` and resource `Ref`s resolve to `<LogicalId.Attribute>` placeholders:
 * they name the stack's own resources (log group, queue), which no handler call targets.
 */
export function resolveRolePolicy(template: Template, place: Place): ResolvedStatement[] {
  const functions = Object.values(template.findResources("AWS::Lambda::Function"));
  const roleIds = new Set(
    functions.map((fn) => (fn.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0]),
  );
  const policies = Object.values(template.findResources("AWS::IAM::Policy")).filter((policy) =>
    (policy.Properties.Roles as { Ref: string }[]).some((role) => roleIds.has(role.Ref)),
  );
  return policies.flatMap((policy) =>
    (policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]).map((statement) =>
      resolveStatement(statement, place),
    ),
  );
}

function resolveStatement(statement: Record<string, unknown>, place: Place): ResolvedStatement {
  const list = (value: unknown) =>
    (Array.isArray(value) ? value : [value]).map((item) => resolve(item, place));
  const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined;
  return {
    ...(typeof statement.Sid === "string" ? { Sid: statement.Sid } : {}),
    Effect: statement.Effect as "Allow" | "Deny",
    Action: list(statement.Action),
    Resource: list(statement.Resource),
    ...(condition && {
      Condition: Object.fromEntries(
        Object.entries(condition).map(([operator, keys]) => [
          operator,
          Object.fromEntries(Object.entries(keys).map(([key, value]) => [key, list(value)])),
        ]),
      ),
    }),
  };
}

function resolve(node: unknown, place: Place): string {
  if (typeof node === "string") return node;
  const intrinsic = node as Record<string, unknown>;
  if (intrinsic["Fn::Join"]) {
    const [delimiter, parts] = intrinsic["Fn::Join"] as [string, unknown[]];
    return parts.map((part) => resolve(part, place)).join(delimiter);
  }
  if (intrinsic["Fn::GetAtt"]) return `<${(intrinsic["Fn::GetAtt"] as string[]).join(".")}>`;
  const pseudo: Record<string, string> = {
    "AWS::Partition": "aws",
    "AWS::Region": place.region,
    "AWS::AccountId": place.account,
    "AWS::URLSuffix": "amazonaws.com",
  };
  if (typeof intrinsic.Ref === "string") return pseudo[intrinsic.Ref] ?? `<${intrinsic.Ref}>`;
  throw new Error(`cannot resolve ${JSON.stringify(node)} in a policy statement`);
}
