import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { buildVerifierStack } from "./verifier-test-stack.js";

describe("the deployment gate's resources", () => {
  const { stack, verifier } = buildVerifierStack();
  const template = Template.fromStack(stack);

  it("gives ECS, and only ECS, a role that may invoke the gate function and nothing else", () => {
    const roleId = stack.getLogicalId(verifier.gate.hookRole.node.defaultChild as never);
    template.hasResourceProperties("AWS::IAM::Role", {
      AssumeRolePolicyDocument: {
        Statement: [
          { Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" } },
        ],
      },
    });
    const policies = Object.values(template.findResources("AWS::IAM::Policy")).filter((policy) =>
      JSON.stringify(policy.Properties.Roles).includes(roleId),
    );
    expect(policies).toHaveLength(1);
    expect(policies[0]?.Properties.PolicyDocument.Statement).toEqual([
      {
        Sid: "InvokeRolloutVerifierOnly",
        Action: "lambda:InvokeFunction",
        Effect: "Allow",
        Resource: {
          "Fn::GetAtt": [stack.getLogicalId(verifier.gateFunction.node.defaultChild as never), "Arn"],
        },
      },
    ]);
  });

  it("alarms on a rolled-back deployment and on the failure policy answering", () => {
    for (const metric of ["GateFailed", "GateInconclusive"])
      template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Metrics: [{ Expression: `SELECT MAX(${metric}) FROM "EcsRolloutVerifier"` }],
        Threshold: 1,
      });
  });

  it("shows the gate's answers on the dashboard", () => {
    const body = JSON.stringify(template.findResources("AWS::CloudWatch::Dashboard"));
    expect(body).toContain("Deployment gate answers");
    expect(body).toContain("SELECT SUM(GateFailed)");
  });
});
