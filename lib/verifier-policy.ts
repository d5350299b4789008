import { Stack } from "aws-cdk-lib";
import type { ICluster } from "aws-cdk-lib/aws-ecs";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { ILogGroup } from "aws-cdk-lib/aws-logs";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { RedeployTag, type VerifierSettings } from "./resolve-verifier-settings.js";

/** Statement ids, stable so that tests, cdk-nag acknowledgements and reviewers can name a statement. */
export const VerifierPolicySid = {
  readSecrets: "ReadWatchedSecrets",
  decryptSecrets: "DecryptWatchedSecrets",
  listClusters: "ListAllClusters",
  describeClusters: "DescribeWatchedClusters",
  listClusterResources: "ListServicesAndTasks",
  describeClusterResources: "DescribeServicesAndTasks",
  describeTaskDefinitions: "DescribeTaskDefinitions",
  forceRedeploy: "ForceRedeployServices",
  bridgeContainerInstances: "DescribeBridgeContainerInstances",
  bridgeInstances: "DescribeBridgeHostInstances",
  writeLogs: "WriteOwnLogs",
  vpcNetworking: "ManageVpcNetworkInterfaces",
} as const;

/**
 * The secret ARN IAM should name: the complete ARN when known, else the partial ARN plus the
 * six-character suffix wildcard Secrets Manager appends (never the bare partial ARN, which matches nothing).
 */
export function secretArnForPolicy(secret: ISecret): string {
  return secret.secretFullArn ?? `${secret.secretArn}-??????`;
}

/**
 * Every permission the verifier needs and nothing more: secrets read on the watched secrets only,
 * ECS reads scoped to the watched clusters where IAM supports it, UpdateService on their services
 * (tag-conditioned by default), EC2 lookups only in bridge mode. No wildcard action anywhere.
 */
export function verifierPolicyStatements(
  scope: Construct,
  settings: VerifierSettings,
  logGroup: ILogGroup,
): PolicyStatement[] {
  const statements = [
    ...secretStatements(scope, settings.secrets),
    ...ecsReadStatements(scope, settings.clusters),
    forceRedeployStatement(scope, settings),
    allow(VerifierPolicySid.writeLogs, ["logs:CreateLogStream", "logs:PutLogEvents"], [logGroup.logGroupArn]),
    allow(
      VerifierPolicySid.vpcNetworking,
      [
        "ec2:CreateNetworkInterface",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSubnets",
        "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
      ],
      ["*"],
    ),
  ];
  if (settings.bridgeNetworking) statements.push(...bridgeStatements(scope, settings.clusters));
  return statements;
}

function secretStatements(scope: Construct, secrets: readonly ISecret[]): PolicyStatement[] {
  const read = allow(
    VerifierPolicySid.readSecrets,
    ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:ListSecretVersionIds"],
    secrets.map(secretArnForPolicy),
  );
  const keyArns = secrets.flatMap((secret) => (secret.encryptionKey ? [secret.encryptionKey.keyArn] : []));
  if (keyArns.length === 0) return [read];
  const viaService = `secretsmanager.${Stack.of(scope).region}.amazonaws.com`;
  const decrypt = allow(VerifierPolicySid.decryptSecrets, ["kms:Decrypt"], keyArns);
  decrypt.addCondition("StringEquals", { "kms:ViaService": viaService });
  return [read, decrypt];
}

function ecsReadStatements(scope: Construct, clusters: readonly ICluster[] | undefined): PolicyStatement[] {
  const list = allow(VerifierPolicySid.listClusterResources, ["ecs:ListServices", "ecs:ListTasks"], ["*"]);
  if (clusters) list.addCondition("ArnEquals", { "ecs:cluster": clusters.map((c) => c.clusterArn) });
  const statements = [
    allow(VerifierPolicySid.describeClusters, ["ecs:DescribeClusters"], clusterArns(scope, clusters)),
    list,
    allow(
      VerifierPolicySid.describeClusterResources,
      ["ecs:DescribeServices", "ecs:DescribeTasks"],
      [...clusterChildArns(scope, "service", clusters), ...clusterChildArns(scope, "task", clusters)],
    ),
    allow(VerifierPolicySid.describeTaskDefinitions, ["ecs:DescribeTaskDefinition"], ["*"]),
  ];
  if (!clusters) statements.unshift(allow(VerifierPolicySid.listClusters, ["ecs:ListClusters"], ["*"]));
  return statements;
}

function forceRedeployStatement(scope: Construct, settings: VerifierSettings): PolicyStatement {
  const statement = allow(
    VerifierPolicySid.forceRedeploy,
    ["ecs:UpdateService"],
    clusterChildArns(scope, "service", settings.clusters),
  );
  if (settings.requireRedeployTag)
    statement.addCondition("StringEquals", { [`aws:ResourceTag/${RedeployTag.key}`]: RedeployTag.value });
  return statement;
}

function bridgeStatements(scope: Construct, clusters: readonly ICluster[] | undefined): PolicyStatement[] {
  return [
    allow(
      VerifierPolicySid.bridgeContainerInstances,
      ["ecs:DescribeContainerInstances"],
      clusterChildArns(scope, "container-instance", clusters),
    ),
    allow(VerifierPolicySid.bridgeInstances, ["ec2:DescribeInstances"], ["*"]),
  ];
}

function clusterArns(scope: Construct, clusters: readonly ICluster[] | undefined): string[] {
  if (clusters) return clusters.map((c) => c.clusterArn);
  return [Stack.of(scope).formatArn({ service: "ecs", resource: "cluster", resourceName: "*" })];
}

/** `service/<cluster>/*`-style ARNs (the long ARN format, which tag conditions require). */
function clusterChildArns(
  scope: Construct,
  resource: "service" | "task" | "container-instance",
  clusters: readonly ICluster[] | undefined,
): string[] {
  const names = clusters ? clusters.map((c) => c.clusterName) : ["*"];
  return names.map((name) =>
    Stack.of(scope).formatArn({ service: "ecs", resource, resourceName: `${name}/*` }),
  );
}

function allow(sid: string, actions: string[], resources: string[]): PolicyStatement {
  return new PolicyStatement({ sid, effect: Effect.ALLOW, actions, resources });
}
