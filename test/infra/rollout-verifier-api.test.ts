import { Match, Template } from "aws-cdk-lib/assertions";
import { Alarm } from "aws-cdk-lib/aws-cloudwatch";
import { AccountRootPrincipal, Role } from "aws-cdk-lib/aws-iam";
import { describe, expect, it } from "vitest";
import { MetricName, MetricNamespace } from "../../lambda/core/report/metric-names.js";
import { buildVerifierStack } from "./verifier-test-stack.js";

describe("RolloutVerifier grant and metric methods", { timeout: 120_000 }, () => {
  const { stack, verifier } = buildVerifierStack();
  const operator = new Role(stack, "Operator", { assumedBy: new AccountRootPrincipal() });
  verifier.grantInvoke(operator);
  verifier.grantReadReports(operator);
  new Alarm(stack, "StaleAlarm", { metric: verifier.metricTasksStale(), threshold: 5, evaluationPeriods: 3 });
  const template = Template.fromStack(stack);

  it("grantInvoke lets a principal start a direct run of the function only", () => {
    template.hasResourceProperties("AWS::IAM::Policy", {
      Roles: [{ Ref: Match.stringLikeRegexp("Operator") }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: "lambda:InvokeFunction",
            Resource: Match.arrayWith([{ "Fn::GetAtt": [Match.stringLikeRegexp("Handler"), "Arn"] }]),
          }),
        ]),
      },
    });
  });

  it("grantReadReports lets a principal read and query the verifier's log group", () => {
    template.hasResourceProperties("AWS::IAM::Policy", {
      Roles: [{ Ref: Match.stringLikeRegexp("Operator") }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(["logs:FilterLogEvents", "logs:GetLogEvents"]),
            Resource: Match.arrayWith([{ "Fn::GetAtt": [Match.stringLikeRegexp("Logs"), "Arn"] }]),
          }),
          Match.objectLike({
            Action: "logs:StartQuery",
            Resource: { "Fn::GetAtt": [Match.stringLikeRegexp("Logs"), "Arn"] },
          }),
          Match.objectLike({ Action: "logs:GetQueryResults", Resource: "*" }),
        ]),
      },
    });
  });

  it("metric methods return alarmable Metrics Insights aggregates over the shared metric names", () => {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Threshold: 5,
      Metrics: [
        Match.objectLike({ Expression: `SELECT MAX(${MetricName.tasksStale}) FROM "${MetricNamespace}"` }),
      ],
    });
    const methods = [
      [verifier.metricTasksChecked(), MetricName.tasksChecked],
      [verifier.metricServicesRedeployed(), MetricName.servicesRedeployed],
      [verifier.metricServicesFailed(), MetricName.servicesFailed],
      [verifier.metricSecurityFindings(), MetricName.securityFindings],
      [verifier.metricProbeRejected(), MetricName.probeRejected],
      [verifier.metricVerificationSeconds(), MetricName.verificationSeconds],
    ] as const;
    for (const [metric, name] of methods)
      expect(metric.toMetricConfig().mathExpression?.expression).toBe(
        `SELECT MAX(${name}) FROM "${MetricNamespace}"`,
      );
  });
});
