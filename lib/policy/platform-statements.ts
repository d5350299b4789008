import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { ILogGroup } from "aws-cdk-lib/aws-logs";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { allow } from "./allow-statement.js";
import { VerifierPolicySid } from "./verifier-policy-sid.js";

/** The network-interface actions Lambda's service makes with the role to place the function in the VPC. */
const lambdaVpcActions = [
  "ec2:CreateNetworkInterface",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeSubnets",
  "ec2:DeleteNetworkInterface",
  "ec2:AssignPrivateIpAddresses",
  "ec2:UnassignPrivateIpAddresses",
];

/**
 * What Lambda itself does with the role, not the verifier's code: write the function's logs, send a
 * poll the run queue (the three calls its SQS event source mapping makes), and manage the
 * VPC network interfaces. The last need Resource `*`, so a Deny stops the function's own code from
 * calling them: Lambda's own calls carry no `lambda:SourceFunctionArn`, the code's calls always do
 * (Lambda developer guide, VPC best practices: "deny policy ... lambda:SourceFunctionArn").
 */
export function platformStatements(logGroup: ILogGroup, runQueue: IQueue): PolicyStatement[] {
  return [
    allow(VerifierPolicySid.writeLogs, ["logs:CreateLogStream", "logs:PutLogEvents"], [logGroup.logGroupArn]),
    allow(
      VerifierPolicySid.receiveRuns,
      ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
      [runQueue.queueArn],
    ),
    allow(VerifierPolicySid.vpcNetworking, lambdaVpcActions, ["*"]),
    new PolicyStatement({
      sid: VerifierPolicySid.denyCodeNetworking,
      effect: Effect.DENY,
      actions: [...lambdaVpcActions, "ec2:DetachNetworkInterface"],
      resources: ["*"],
      conditions: { Null: { "lambda:SourceFunctionArn": "false" } },
    }),
  ];
}
