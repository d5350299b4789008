import { Annotations, Stack, Validations } from "aws-cdk-lib";
import type { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IConstruct } from "constructs";
import { VerifierPolicySid } from "./verifier-policy.js";

/** Why each statement that names a wildcard resource needs it: the written reason behind every IAM5 acknowledgement. */
const wildcardReasons: Readonly<Record<string, string>> = {
  [VerifierPolicySid.readSecrets]:
    "A secret imported by partial ARN: Secrets Manager appends six random characters, matched by -?????? only.",
  [VerifierPolicySid.listClusters]:
    "ecs:ListClusters has no resource-level permissions; granted only when no clusters are given (watch every cluster).",
  [VerifierPolicySid.listClusterResources]:
    "ecs:ListServices and ecs:ListTasks take no cluster resource ARN; the ecs:cluster condition scopes them when clusters are given.",
  [VerifierPolicySid.describeClusterResources]:
    "Consumer services and tasks are discovered at run time; read-only and limited to the watched clusters' ARNs.",
  [VerifierPolicySid.describeTaskDefinitions]:
    "ecs:DescribeTaskDefinition has no resource-level permissions; read-only, needed to find secret references.",
  [VerifierPolicySid.describeServiceRevisions]:
    "The deployment gate reads the revision a deployment rolls out, known only at run time; read-only, limited to the watched clusters' services and service revisions (the two resource types the action requires).",
  [VerifierPolicySid.describeServiceDeployments]:
    "The deployment gate reads when the deployment it gates started, known only at run time; read-only, limited to the watched clusters' services and service deployments (the two resource types the action requires).",
  [VerifierPolicySid.secretHistory]:
    "cloudtrail:LookupEvents has no resource-level permissions; read-only, used to find when AWSCURRENT moved when no event said so.",
  [VerifierPolicySid.forceRedeploy]:
    "Which services lag is known only at run time; limited to services of the watched clusters and, by default, to services tagged rollout-verifier:redeploy=true (aws:ResourceTag condition).",
  [VerifierPolicySid.bridgeContainerInstances]:
    "Bridge-mode tasks' container instances are known only at run time; read-only, limited to the watched clusters.",
  [VerifierPolicySid.bridgeInstances]:
    "ec2:DescribeInstances has no resource-level permissions; read-only, granted only with bridgeNetworking to find host IPs.",
  [VerifierPolicySid.vpcNetworking]:
    "Lambda manages the function's VPC network interfaces with these EC2 actions, which need Resource * (the AWSLambdaVPCAccessExecutionRole set, without its logs on *); a Deny on lambda:SourceFunctionArn keeps the function's own code from calling them.",
  [VerifierPolicySid.denyCodeNetworking]:
    "A Deny: it takes the network-interface actions away from the function's code on every resource, leaving them to Lambda's service.",
};

const anyResource = /^\*$/;
const clusterChildren = (...types: string[]) => new RegExp(`:(${types.join("|")})/[^/]+/\\*$`);

/**
 * The only wildcard resources each acknowledged statement may name. cdk-nag's finding id is the
 * resource text, shared by every statement of the policy, so a statement widened to `*` would hide
 * behind another statement's acknowledgement of `*`: checking the shape per statement stops that.
 */
const wildcardShapes: Readonly<Record<string, RegExp>> = {
  [VerifierPolicySid.readSecrets]: /-\?{6}$/,
  [VerifierPolicySid.listClusters]: anyResource,
  [VerifierPolicySid.listClusterResources]: anyResource,
  [VerifierPolicySid.describeClusterResources]: clusterChildren("service", "task"),
  [VerifierPolicySid.describeTaskDefinitions]: anyResource,
  [VerifierPolicySid.describeServiceRevisions]: clusterChildren("service", "service-revision"),
  [VerifierPolicySid.describeServiceDeployments]: clusterChildren("service", "service-deployment"),
  [VerifierPolicySid.secretHistory]: anyResource,
  [VerifierPolicySid.forceRedeploy]: clusterChildren("service"),
  [VerifierPolicySid.bridgeContainerInstances]: clusterChildren("container-instance"),
  [VerifierPolicySid.bridgeInstances]: anyResource,
  [VerifierPolicySid.vpcNetworking]: anyResource,
  [VerifierPolicySid.denyCodeNetworking]: anyResource,
};

/**
 * Acknowledges, one finding at a time, exactly the wildcard resources the verifier's own statements
 * name (cdk-nag AwsSolutions-IAM5), each with its reason, plus the dead-letter queue's SQS3.
 * A wildcard in a statement without a written reason stays a finding and fails synth; one outside
 * its statement's expected shape (`DescribeServices` on `*`, say) is a synth error.
 */
export function acknowledgeNagFindings(
  scope: IConstruct,
  statements: readonly PolicyStatement[],
  deadLetterQueues: readonly IConstruct[],
): void {
  for (const statement of statements) {
    const reason = statement.sid ? wildcardReasons[statement.sid] : undefined;
    if (!reason) continue;
    for (const resource of statement.resources) {
      const flat = flattenCfnReference(Stack.of(scope).resolve(resource));
      if (!flat.includes("*")) continue;
      if (wildcardShapes[statement.sid ?? ""]?.test(flat))
        Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flat}]`, reason });
      else
        Annotations.of(scope).addError(
          `Policy statement ${statement.sid} names the wildcard resource ${flat}, wider than its acknowledged shape: narrow it, or change lib/nag-acknowledgements.ts with a reason.`,
        );
    }
  }
  for (const queue of deadLetterQueues)
    Validations.of(queue).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself a dead-letter destination: of the run queue (FIFO) or of the EventBridge targets (standard).",
    });
}

/** cdk-nag's rendering of a resolved CloudFormation value in finding ids (`arn:<AWS::Partition>:...`). */
export function flattenCfnReference(node: unknown): string {
  if (node === undefined) return "";
  if (typeof node === "string") return node.replace(/\$\{/g, "<").replace(/\}/g, ">");
  if (typeof node !== "object" || node === null) return JSON.stringify(node);
  const intrinsic = node as Record<string, unknown>;
  if (intrinsic["Fn::Join"]) {
    const [delimiter, items] = intrinsic["Fn::Join"] as [string, unknown[]];
    return items.map(flattenCfnReference).join(delimiter);
  }
  if (intrinsic["Fn::Sub"]) return flattenCfnReference(intrinsic["Fn::Sub"]);
  if (intrinsic["Fn::GetAtt"]) {
    const [resource, attribute] = intrinsic["Fn::GetAtt"] as [unknown, unknown];
    return `<${flattenCfnReference(resource)}.${flattenCfnReference(attribute)}>`;
  }
  if (intrinsic["Fn::ImportValue"]) return flattenCfnReference(intrinsic["Fn::ImportValue"]);
  if (intrinsic.Ref) return `<${flattenCfnReference(intrinsic.Ref)}>`;
  return JSON.stringify(node);
}
