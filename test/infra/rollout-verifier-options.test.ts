import { Duration } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { Port } from "aws-cdk-lib/aws-ec2";
import { Topic } from "aws-cdk-lib/aws-sns";
import { describe, expect, it } from "vitest";
import { ConfigEnv } from "../../lambda/config-names.js";
import { putSecretValuePattern, rotationSucceededPattern } from "../../lib/event-patterns.js";
import { VerifierPolicySid } from "../../lib/verifier-policy.js";
import { buildVerifierStack, secretArn, widerProps } from "./verifier-test-stack.js";

function statements(template: Template): Record<string, unknown>[] {
  return Object.values(template.findResources("AWS::IAM::Policy")).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[],
  );
}
function statement(template: Template, sid: string): Record<string, unknown> | undefined {
  return statements(template).find((candidate) => candidate.Sid === sid);
}
function environment(template: Template): Record<string, string> {
  const functions = Object.values(template.findResources("AWS::Lambda::Function"));
  return functions[0]?.Properties.Environment.Variables;
}

describe("RolloutVerifier options", { timeout: 120_000 }, () => {
  it("watches every cluster when none is given: ListClusters, and no cluster env or rule filter", () => {
    const template = Template.fromStack(buildVerifierStack(() => ({ clusters: undefined })).stack);
    expect(statement(template, VerifierPolicySid.listClusters)).toMatchObject({
      Action: "ecs:ListClusters",
      Resource: "*",
    });
    expect(statement(template, VerifierPolicySid.listClusterResources)).not.toHaveProperty("Condition");
    expect(environment(template)).not.toHaveProperty(ConfigEnv.clusters);
    template.hasResourceProperties("AWS::Events::Rule", {
      EventPattern: Match.objectLike({ source: ["aws.ecs"], resources: Match.absent() }),
    });
  });

  it("adds the CloudTrail fallback rules only when a trail is declared", () => {
    const template = Template.fromStack(buildVerifierStack(() => ({ cloudTrailFallbacks: true })).stack);
    template.resourceCountIs("AWS::Events::Rule", 6);
    template.hasResourceProperties("AWS::Events::Rule", { EventPattern: rotationSucceededPattern });
    template.hasResourceProperties("AWS::Events::Rule", { EventPattern: putSecretValuePattern });
  });

  it("drops the tag condition and the tag env together when requireRedeployTag is off", () => {
    const template = Template.fromStack(buildVerifierStack(() => ({ requireRedeployTag: false })).stack);
    expect(statement(template, VerifierPolicySid.forceRedeploy)).not.toHaveProperty("Condition");
    expect(environment(template)).not.toHaveProperty(ConfigEnv.redeployTag);
  });

  it("grants the EC2 host lookups and sets bridge addresses on only with bridgeNetworking", () => {
    const template = Template.fromStack(buildVerifierStack(() => ({ bridgeNetworking: true })).stack);
    expect(statement(template, VerifierPolicySid.bridgeInstances)).toMatchObject({
      Action: "ec2:DescribeInstances",
      Resource: "*",
    });
    expect(statement(template, VerifierPolicySid.bridgeContainerInstances)).toMatchObject({
      Action: "ecs:DescribeContainerInstances",
    });
    expect(environment(template)[ConfigEnv.bridgeAddresses]).toBe("true");
  });

  it("decrypts through Secrets Manager only, and reads a partial-ARN secret with its suffix wildcard", () => {
    const template = Template.fromStack(buildVerifierStack(widerProps).stack);
    expect(statement(template, VerifierPolicySid.decryptSecrets)).toMatchObject({
      Action: "kms:Decrypt",
      Resource: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } },
    });
    expect(statement(template, VerifierPolicySid.readSecrets)?.Resource).toContain(
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/billing/jwt-??????",
    );
    expect(environment(template)[ConfigEnv.watchedSecrets]).toBe(
      `${secretArn},arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/billing/jwt`,
    );
    template.hasResourceProperties("AWS::Events::Rule", {
      EventPattern: Match.objectLike({
        resources: Match.arrayWith([
          { prefix: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/billing/jwt-" },
        ]),
      }),
    });
  });

  it("opens the probe ports on the task security groups from the function's group", () => {
    const template = Template.fromStack(
      buildVerifierStack((stack) => ({ ...widerProps(stack), probePorts: Port.tcpRange(32768, 65535) }))
        .stack,
    );
    template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", {
      GroupId: "sg-0123456789abcdef0",
      FromPort: 32768,
      ToPort: 65535,
      SourceSecurityGroupId: { "Fn::GetAtt": [Match.stringLikeRegexp("SecurityGroup"), "GroupId"] },
    });
  });

  it("notifies a given topic and creates no topic or key of its own", () => {
    const template = Template.fromStack(
      buildVerifierStack((stack) => ({
        alarmTopic: Topic.fromTopicArn(stack, "Ops", "arn:aws:sns:eu-west-1:123456789012:ops-alarms"),
      })).stack,
    );
    template.resourceCountIs("AWS::SNS::Topic", 0);
    template.resourceCountIs("AWS::KMS::Key", 0);
    template.allResourcesProperties("AWS::CloudWatch::Alarm", {
      AlarmActions: ["arn:aws:sns:eu-west-1:123456789012:ops-alarms"],
    });
  });

  it("passes probe defaults, dry-run and sizing through to the function", () => {
    const template = Template.fromStack(
      buildVerifierStack(() => ({
        dryRun: true,
        probePath: "/jwt-check",
        probeIssuer: "https://issuer.example",
        probeAudience: "orders",
        probeTimeout: Duration.millis(750),
        timeout: Duration.minutes(10),
        memorySize: 1024,
      })).stack,
    );
    template.hasResourceProperties("AWS::Lambda::Function", { Timeout: 600, MemorySize: 1024 });
    expect(environment(template)).toMatchObject({
      [ConfigEnv.dryRun]: "true",
      [ConfigEnv.probePath]: "/jwt-check",
      [ConfigEnv.probeIssuer]: "https://issuer.example",
      [ConfigEnv.probeAudience]: "orders",
      [ConfigEnv.probeTimeoutMs]: "750",
    });
  });
});
