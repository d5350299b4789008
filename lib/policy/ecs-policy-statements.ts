import { Stack } from "aws-cdk-lib";
import type { ICluster } from "aws-cdk-lib/aws-ecs";
import type { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";
import { RedeployTag, type VerifierSettings } from "../resolve-verifier-settings.js";
import { allow } from "./allow-statement.js";
import { VerifierPolicySid } from "./verifier-policy-sid.js";

/**
 * ECS as the code calls it, with the resource types the Service Authorization Reference requires:
 * ListClusters only when every cluster is watched (wildcard-only); ListServices/ListTasks on `*`
 * narrowed by `ecs:cluster` (ListServices is wildcard-only; ListTasks names no container instance);
 * DescribeServices/DescribeTasks/UpdateService on the watched clusters' child ARNs;
 * DescribeServiceRevisions on both its required types, `service` and `service-revision` (granting
 * only the revision denies every call) and DescribeServiceDeployments on `service` and
 * `service-deployment`, both for the deployment gate; DescribeTaskDefinition on `*` (wildcard-only).
 */
export function ecsStatements(scope: Construct, settings: VerifierSettings): PolicyStatement[] {
  const { clusters } = settings;
  const list = allow(VerifierPolicySid.listClusterResources, ["ecs:ListServices", "ecs:ListTasks"], ["*"]);
  if (clusters) list.addCondition("ArnEquals", { "ecs:cluster": clusters.map((c) => c.clusterArn) });
  const statements = [
    list,
    allow(
      VerifierPolicySid.describeClusterResources,
      ["ecs:DescribeServices", "ecs:DescribeTasks"],
      [...clusterChildArns(scope, "service", clusters), ...clusterChildArns(scope, "task", clusters)],
    ),
    allow(VerifierPolicySid.describeTaskDefinitions, ["ecs:DescribeTaskDefinition"], ["*"]),
    allow(
      VerifierPolicySid.describeServiceRevisions,
      ["ecs:DescribeServiceRevisions"],
      [
        ...clusterChildArns(scope, "service", clusters),
        ...clusterChildArns(scope, "service-revision", clusters),
      ],
    ),
    allow(
      VerifierPolicySid.describeServiceDeployments,
      ["ecs:DescribeServiceDeployments"],
      [
        ...clusterChildArns(scope, "service", clusters),
        ...clusterChildArns(scope, "service-deployment", clusters),
      ],
    ),
    forceRedeployStatement(scope, settings),
  ];
  if (!clusters) statements.unshift(allow(VerifierPolicySid.listClusters, ["ecs:ListClusters"], ["*"]));
  if (settings.bridgeNetworking)
    statements.push(
      allow(
        VerifierPolicySid.bridgeContainerInstances,
        ["ecs:DescribeContainerInstances"],
        clusterChildArns(scope, "container-instance", clusters),
      ),
      allow(VerifierPolicySid.bridgeInstances, ["ec2:DescribeInstances"], ["*"]),
    );
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

/** `service/<cluster>/*`-style ARNs (the long ARN format, which tag conditions require). */
function clusterChildArns(
  scope: Construct,
  resource: "service" | "task" | "container-instance" | "service-revision" | "service-deployment",
  clusters: readonly ICluster[] | undefined,
): string[] {
  const names = clusters ? clusters.map((c) => c.clusterName) : ["*"];
  return names.map((name) =>
    Stack.of(scope).formatArn({ service: "ecs", resource, resourceName: `${name}/*` }),
  );
}
