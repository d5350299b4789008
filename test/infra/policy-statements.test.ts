import { App, Stack } from "aws-cdk-lib";
import { Vpc } from "aws-cdk-lib/aws-ec2";
import { Cluster } from "aws-cdk-lib/aws-ecs";
import { Key } from "aws-cdk-lib/aws-kms";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Queue } from "aws-cdk-lib/aws-sqs";
import { describe, expect, it } from "vitest";
import { flattenCfnReference } from "../../lib/nag-acknowledgements.js";
import { resolveVerifierSettings } from "../../lib/resolve-verifier-settings.js";
import type { RolloutVerifierProps } from "../../lib/rollout-verifier-props.js";
import { verifierPolicyStatements } from "../../lib/verifier-policy.js";
import { env, secretArn } from "./verifier-test-stack.js";

/** A resolved value as text, intrinsics flattened as cdk-nag does (`arn:<AWS::Partition>:...`). */
function flat(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(flat);
  if (typeof value !== "object" || value === null) return flattenCfnReference(value);
  if (Object.keys(value).some((key) => key === "Ref" || key.startsWith("Fn::")))
    return flattenCfnReference(value);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, flat(item)]));
}

/**
 * Every statement of the verifier's policy, by Sid: its effect, actions, resources and conditions,
 * resolved to text. Built without synthesizing a stack, so it is fast enough for mutation testing.
 * Equality per statement: a resource widened to `*` (or any other change) in one statement fails here,
 * whatever the other statements name.
 */
function policyOf(props: (stack: Stack) => Partial<RolloutVerifierProps> = () => ({})) {
  const stack = new Stack(new App(), "PolicyStack", { env });
  const vpc = Vpc.fromVpcAttributes(stack, "Vpc", {
    vpcId: "vpc-0123456789abcdef0",
    availabilityZones: ["eu-west-1a"],
    privateSubnetIds: ["subnet-0123456789abcdef0"],
  });
  const settings = resolveVerifierSettings({
    vpc,
    secrets: [Secret.fromSecretCompleteArn(stack, "Secret", secretArn)],
    clusters: [Cluster.fromClusterAttributes(stack, "Cluster", { clusterName: "orders-prod", vpc })],
    ...props(stack),
  });
  const statements = verifierPolicyStatements(stack, settings, {
    logGroup: LogGroup.fromLogGroupArn(
      stack,
      "Logs",
      "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/verifier",
    ),
    runQueue: Queue.fromQueueArn(stack, "Runs", "arn:aws:sqs:eu-west-1:123456789012:runs.fifo"),
  });
  return Object.fromEntries(
    statements.map((statement) => {
      const json = stack.resolve(statement.toStatementJson()) as Record<string, unknown>;
      const resources = ([] as unknown[]).concat(json.Resource ?? []).map(flattenCfnReference);
      return [
        statement.sid,
        {
          effect: json.Effect,
          actions: ([] as unknown[]).concat(json.Action),
          resources,
          ...(json.Condition ? { conditions: flat(json.Condition) } : {}),
        },
      ];
    }),
  );
}

const keyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ecs = (resource: string) => `arn:<AWS::Partition>:ecs:eu-west-1:123456789012:${resource}`;
const allow = (actions: string[], resources: string[], conditions?: Record<string, unknown>) => ({
  effect: "Allow",
  actions,
  resources,
  ...(conditions ? { conditions } : {}),
});
const vpcActions = [
  "ec2:CreateNetworkInterface",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeSubnets",
  "ec2:DeleteNetworkInterface",
  "ec2:AssignPrivateIpAddresses",
  "ec2:UnassignPrivateIpAddresses",
];

describe("verifier policy, statement by statement", () => {
  it("names exactly these resources, statement by statement, for watched clusters", () => {
    expect(policyOf()).toEqual({
      ReadWatchedSecrets: allow(
        ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
        [secretArn],
      ),
      LookUpSecretHistory: allow(["cloudtrail:LookupEvents"], ["*"]),
      ListServicesAndTasks: allow(["ecs:ListServices", "ecs:ListTasks"], ["*"], {
        ArnEquals: { "ecs:cluster": [ecs("cluster/orders-prod")] },
      }),
      DescribeServicesAndTasks: allow(
        ["ecs:DescribeServices", "ecs:DescribeTasks"],
        [ecs("service/orders-prod/*"), ecs("task/orders-prod/*")],
      ),
      DescribeTaskDefinitions: allow(["ecs:DescribeTaskDefinition"], ["*"]),
      DescribeServiceRevisions: allow(
        ["ecs:DescribeServiceRevisions"],
        [ecs("service/orders-prod/*"), ecs("service-revision/orders-prod/*")],
      ),
      DescribeServiceDeployments: allow(
        ["ecs:DescribeServiceDeployments"],
        [ecs("service/orders-prod/*"), ecs("service-deployment/orders-prod/*")],
      ),
      ForceRedeployServices: allow(["ecs:UpdateService"], [ecs("service/orders-prod/*")], {
        StringEquals: { "aws:ResourceTag/rollout-verifier:redeploy": "true" },
      }),
      WriteOwnLogs: allow(
        ["logs:CreateLogStream", "logs:PutLogEvents"],
        ["arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/verifier:*"],
      ),
      ReceiveRunRequests: allow(
        ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
        ["arn:aws:sqs:eu-west-1:123456789012:runs.fifo"],
      ),
      ManageVpcNetworkInterfaces: allow(vpcActions, ["*"]),
      DenyNetworkInterfaceCallsFromCode: {
        effect: "Deny",
        actions: [...vpcActions, "ec2:DetachNetworkInterface"],
        resources: ["*"],
        conditions: { Null: { "lambda:SourceFunctionArn": "false" } },
      },
    });
  });

  it("watching every cluster, widens only to every cluster's children, never to *", () => {
    const policy = policyOf(() => ({
      clusters: undefined,
      bridgeNetworking: true,
      requireRedeployTag: false,
    }));
    expect(policy).toMatchObject({
      ListAllClusters: allow(["ecs:ListClusters"], ["*"]),
      ListServicesAndTasks: allow(["ecs:ListServices", "ecs:ListTasks"], ["*"]),
      DescribeServicesAndTasks: allow(
        ["ecs:DescribeServices", "ecs:DescribeTasks"],
        [ecs("service/*/*"), ecs("task/*/*")],
      ),
      DescribeServiceRevisions: allow(
        ["ecs:DescribeServiceRevisions"],
        [ecs("service/*/*"), ecs("service-revision/*/*")],
      ),
      DescribeServiceDeployments: allow(
        ["ecs:DescribeServiceDeployments"],
        [ecs("service/*/*"), ecs("service-deployment/*/*")],
      ),
      ForceRedeployServices: allow(["ecs:UpdateService"], [ecs("service/*/*")]),
      DescribeBridgeContainerInstances: allow(
        ["ecs:DescribeContainerInstances"],
        [ecs("container-instance/*/*")],
      ),
      DescribeBridgeHostInstances: allow(["ec2:DescribeInstances"], ["*"]),
    });
    expect(policy.ListServicesAndTasks).not.toHaveProperty("conditions");
    expect(policy.ForceRedeployServices).not.toHaveProperty("conditions");
  });

  it("decrypts with a secret's customer-managed key only through Secrets Manager", () => {
    const policy = policyOf((stack) => ({
      secrets: [
        Secret.fromSecretAttributes(stack, "KmsSecret", {
          secretPartialArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/billing/jwt",
          encryptionKey: Key.fromKeyArn(stack, "Key", keyArn),
        }),
      ],
    }));
    expect(policy.ReadWatchedSecrets?.resources).toEqual([
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/billing/jwt-??????",
    ]);
    expect(policy.DecryptWatchedSecrets).toEqual(
      allow(["kms:Decrypt"], [keyArn], {
        StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" },
      }),
    );
  });

  it("reads task log streams only in the log groups named, and grants nothing for an empty list", () => {
    expect(Object.keys(policyOf(() => ({ taskLogGroups: [] })))).not.toContain("ReadTaskLogStreams");
    const named = policyOf(() => ({ taskLogGroups: ["/ecs/orders"] }));
    expect(Object.keys(named).length).toBe(Object.keys(policyOf()).length + 1);
    expect(named.ReadTaskLogStreams).toEqual(
      allow(
        ["logs:GetLogEvents"],
        ["arn:<AWS::Partition>:logs:eu-west-1:123456789012:log-group:/ecs/orders:log-stream:*"],
      ),
    );
  });
});
