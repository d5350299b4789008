import { ArnFormat, Stack } from "aws-cdk-lib";
import type { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { ILogGroup } from "aws-cdk-lib/aws-logs";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { allow } from "./policy/allow-statement.js";
import { ecsStatements } from "./policy/ecs-policy-statements.js";
import { platformStatements } from "./policy/platform-statements.js";
import { VerifierPolicySid } from "./policy/verifier-policy-sid.js";
import type { VerifierSettings } from "./resolve-verifier-settings.js";

export { VerifierPolicySid } from "./policy/verifier-policy-sid.js";

/**
 * The secret ARN IAM should name: the complete ARN when known, else the partial ARN plus the
 * six-character suffix wildcard Secrets Manager appends (never the bare partial ARN, which matches nothing).
 */
export function secretArnForPolicy(secret: ISecret): string {
  return secret.secretFullArn ?? `${secret.secretArn}-??????`;
}

/**
 * Exactly the actions the verifier's code calls, on exactly the resources it calls them on, plus
 * what Lambda itself needs (logs, polling the run queue, VPC interfaces, denied to the code). No
 * wildcard action anywhere. `test/infra/policy-covers-handler-calls.test.ts` holds it to that.
 */
export function verifierPolicyStatements(
  scope: Construct,
  settings: VerifierSettings,
  platform: { readonly logGroup: ILogGroup; readonly runQueue: IQueue },
): PolicyStatement[] {
  return [
    ...secretStatements(scope, settings.secrets),
    // When no event gave the cut-over, the engine reads the secret's CloudTrail history; LookupEvents
    // has no resource-level permissions.
    allow(VerifierPolicySid.secretHistory, ["cloudtrail:LookupEvents"], ["*"]),
    ...ecsStatements(scope, settings),
    ...taskLogStatements(scope, settings.taskLogGroups),
    ...platformStatements(platform.logGroup, platform.runQueue),
  ];
}

/**
 * The key fingerprint a task logged at start is read from its own stream (GetLogEvents, whose only
 * resource type is `log-stream`): only in the log groups the operator names, never `*`.
 */
function taskLogStatements(scope: Construct, groups: readonly string[] | undefined): PolicyStatement[] {
  if (!groups || groups.length === 0) return [];
  const stack = Stack.of(scope);
  return [
    allow(
      VerifierPolicySid.readTaskLogs,
      ["logs:GetLogEvents"],
      groups.map((group) =>
        stack.formatArn({
          service: "logs",
          resource: "log-group",
          resourceName: `${group}:log-stream:*`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ),
    ),
  ];
}

function secretStatements(scope: Construct, secrets: readonly ISecret[]): PolicyStatement[] {
  const read = allow(
    VerifierPolicySid.readSecrets,
    ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
    secrets.map(secretArnForPolicy),
  );
  const keyArns = secrets.flatMap((secret) => (secret.encryptionKey ? [secret.encryptionKey.keyArn] : []));
  if (keyArns.length === 0) return [read];
  const viaService = `secretsmanager.${Stack.of(scope).region}.amazonaws.com`;
  const decrypt = allow(VerifierPolicySid.decryptSecrets, ["kms:Decrypt"], keyArns);
  decrypt.addCondition("StringEquals", { "kms:ViaService": viaService });
  return [read, decrypt];
}
