import { Duration } from "aws-cdk-lib";
import { Capture, Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { LogMessage } from "../../lambda/adapters/telemetry/report-log-records.js";
import { ConfigEnv } from "../../lambda/config-names.js";
import { MetricName, MetricNamespace } from "../../lambda/core/report/metric-names.js";
import { secretLabelUpdatedPattern } from "../../lib/event-patterns.js";
import { VerifierPolicySid } from "../../lib/verifier-policy.js";
import { buildVerifierStack, secretArn } from "./verifier-test-stack.js";

const serviceArns = {
  "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":ecs:eu-west-1:123456789012:service/orders-prod/*"]],
};
const clusterArn = {
  "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":ecs:eu-west-1:123456789012:cluster/orders-prod"]],
};
let template: Template;
let built: ReturnType<typeof buildVerifierStack>;

beforeAll(() => {
  built = buildVerifierStack();
  template = Template.fromStack(built.stack);
}, 120_000);

/** The logical id of one of the verifier's functions. */
function functionId(which: "function" | "gateFunction"): string {
  return built.stack.getLogicalId(built.verifier[which].node.defaultChild as never);
}

function statement(sid: string): Record<string, unknown> {
  const policies = template.findResources("AWS::IAM::Policy");
  const statements = Object.values(policies).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[],
  );
  const found = statements.find((candidate) => candidate.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return found;
}

describe("RolloutVerifier function", { timeout: 120_000 }, () => {
  it("runs the newest Node.js runtime on ARM64 with JSON logs in its own log group", () => {
    template.hasResourceProperties("AWS::Lambda::Function", {
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      Handler: "handler.handler",
      MemorySize: 256,
      Timeout: 300,
      LoggingConfig: Match.objectLike({
        LogFormat: "JSON",
        LogGroup: { Ref: Match.stringLikeRegexp("Logs") },
      }),
    });
    template.hasResourceProperties("AWS::Logs::LogGroup", { RetentionInDays: 90 });
  });

  it("reserves no concurrency: a reservation fails the stack on low-quota accounts and throttles the gate", () => {
    const functions = Object.values(template.findResources("AWS::Lambda::Function"));
    expect(functions).toHaveLength(2);
    for (const fn of functions) expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it("answers lifecycle hooks from a function of its own, built from the same bundle", () => {
    const functions = template.findResources("AWS::Lambda::Function");
    const [run, gate] = [functions[functionId("function")], functions[functionId("gateFunction")]];
    expect(run).toBeDefined();
    expect(gate).toBeDefined();
    expect(run?.Properties.Handler).toBe("handler.handler");
    expect(gate?.Properties.Handler).toBe("handler.handler");
    expect(gate?.Properties.Code).toEqual(run?.Properties.Code);
    expect(gate?.Properties.Environment).toEqual(run?.Properties.Environment);
    expect(gate?.Properties.Role).toEqual(run?.Properties.Role);
  });

  it("feeds runs one at a time from a FIFO queue with one message group and a FIFO dead-letter queue", () => {
    template.hasResourceProperties("AWS::SQS::Queue", {
      FifoQueue: true,
      ContentBasedDeduplication: true,
      VisibilityTimeout: 6 * 300,
      RedrivePolicy: {
        deadLetterTargetArn: { "Fn::GetAtt": [Match.stringLikeRegexp("DeadLetters"), "Arn"] },
        maxReceiveCount: 3,
      },
    });
    template.hasResourceProperties("AWS::SQS::Queue", {
      FifoQueue: true,
      MessageRetentionPeriod: 14 * 86400,
    });
    template.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      BatchSize: 1,
      EventSourceArn: { "Fn::GetAtt": [Match.stringLikeRegexp("Runs"), "Arn"] },
      FunctionName: { Ref: functionId("function") },
    });
  });

  it("encrypts every queue and refuses plain HTTP to it", () => {
    template.allResourcesProperties("AWS::SQS::Queue", { SqsManagedSseEnabled: true });
    template.hasResourceProperties("AWS::SQS::QueuePolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
  });

  it("sets its environment from the Lambda's own ConfigEnv names", () => {
    const variables = new Capture();
    template.hasResourceProperties("AWS::Lambda::Function", { Environment: { Variables: variables } });
    expect(variables.asObject()).toMatchObject({
      [ConfigEnv.watchedSecrets]: secretArn,
      [ConfigEnv.clusters]: "orders-prod",
      [ConfigEnv.dryRun]: "false",
      [ConfigEnv.maxRedeploysPerRun]: "25",
      [ConfigEnv.followUpWindowMinutes]: "60",
      [ConfigEnv.redeployTag]: "rollout-verifier:redeploy=true",
      [ConfigEnv.bridgeAddresses]: "false",
      [ConfigEnv.securityProbes]: "true",
      [ConfigEnv.probeTimeoutMs]: "2000",
      POWERTOOLS_METRICS_NAMESPACE: MetricNamespace,
    });
    expect(variables.asObject()).not.toHaveProperty(ConfigEnv.probePath);
  });

  it("runs in the VPC with a security group that only allows HTTPS and the probe port out", () => {
    template.hasResourceProperties("AWS::Lambda::Function", {
      VpcConfig: { SubnetIds: ["subnet-0123456789abcdef0"], SecurityGroupIds: Match.anyValue() },
    });
    template.hasResourceProperties("AWS::EC2::SecurityGroup", {
      SecurityGroupEgress: [
        Match.objectLike({ CidrIp: "0.0.0.0/0", FromPort: 443, ToPort: 443, IpProtocol: "tcp" }),
        Match.objectLike({ CidrIp: "0.0.0.0/0", FromPort: 8080, ToPort: 8080, IpProtocol: "tcp" }),
      ],
    });
  });
});

describe("RolloutVerifier IAM", { timeout: 120_000 }, () => {
  it("grants no wildcard action and no managed policy", () => {
    const policies = template.findResources("AWS::IAM::Policy");
    const actions = Object.values(policies).flatMap((policy) =>
      (policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap(
        (s) => s.Action,
      ),
    );
    expect(actions.filter((action) => action.includes("*"))).toEqual([]);
    template.hasResourceProperties("AWS::IAM::Role", { ManagedPolicyArns: Match.absent() });
  });

  it("reads the watched secret only", () => {
    expect(statement(VerifierPolicySid.readSecrets)).toMatchObject({
      Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
      Resource: secretArn,
    });
  });

  it("force-deploys only services of the watched clusters that carry the opt-in tag", () => {
    expect(statement(VerifierPolicySid.forceRedeploy)).toMatchObject({
      Action: "ecs:UpdateService",
      Resource: serviceArns,
      Condition: { StringEquals: { "aws:ResourceTag/rollout-verifier:redeploy": "true" } },
    });
  });

  it("lets Lambda poll the run queue with the three calls its event source mapping makes, and nothing else on SQS", () => {
    expect(statement(VerifierPolicySid.receiveRuns)).toMatchObject({
      Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
      Resource: { "Fn::GetAtt": [expect.stringMatching(/Runs/), "Arn"] },
    });
    const rendered = JSON.stringify(template.findResources("AWS::IAM::Policy"));
    expect(rendered).not.toContain("sqs:SendMessage");
    expect(rendered).not.toContain("sqs:GetQueueUrl");
    expect(rendered).not.toContain("sqs:ChangeMessageVisibility");
  });

  it("denies the network-interface actions to the function's own code, leaving them to Lambda", () => {
    expect(statement(VerifierPolicySid.denyCodeNetworking)).toMatchObject({
      Effect: "Deny",
      Action: expect.arrayContaining([
        "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSubnets",
        "ec2:DetachNetworkInterface",
        "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
      ]),
      Resource: "*",
      Condition: { Null: { "lambda:SourceFunctionArn": "false" } },
    });
  });

  it("looks up CloudTrail history on * (LookupEvents has no resource-level permissions)", () => {
    expect(statement(VerifierPolicySid.secretHistory)).toMatchObject({
      Action: "cloudtrail:LookupEvents",
      Resource: "*",
    });
  });

  it("scopes ECS lists to the watched clusters with the ecs:cluster condition", () => {
    expect(statement(VerifierPolicySid.listClusterResources)).toMatchObject({
      Action: ["ecs:ListServices", "ecs:ListTasks"],
      Condition: { ArnEquals: { "ecs:cluster": [clusterArn] } },
    });
  });

  it("grants neither ListClusters, nor EC2 instance lookups, nor KMS when none is needed", () => {
    const sids = [
      VerifierPolicySid.listClusters,
      VerifierPolicySid.bridgeInstances,
      VerifierPolicySid.decryptSecrets,
    ];
    for (const sid of sids) expect(() => statement(sid)).toThrow(`no statement ${sid}`);
  });
});

describe("RolloutVerifier rules", { timeout: 120_000 }, () => {
  it("starts on Secret Label Updated AWSCURRENT for the watched secret's ARN", () => {
    template.hasResourceProperties("AWS::Events::Rule", {
      EventPattern: { ...secretLabelUpdatedPattern, resources: [secretArn] },
    });
  });

  it("re-verifies on deployment COMPLETED/FAILED in the watched clusters only", () => {
    template.hasResourceProperties("AWS::Events::Rule", {
      EventPattern: Match.objectLike({
        source: ["aws.ecs"],
        detail: { eventName: ["SERVICE_DEPLOYMENT_COMPLETED", "SERVICE_DEPLOYMENT_FAILED"] },
        resources: [
          {
            prefix: {
              "Fn::Join": [
                "",
                ["arn:", { Ref: "AWS::Partition" }, ":ecs:eu-west-1:123456789012:service/orders-prod/"],
              ],
            },
          },
        ],
      }),
    });
  });

  it("sweeps hourly and has no CloudTrail rule unless a trail is declared", () => {
    template.hasResourceProperties("AWS::Events::Rule", { ScheduleExpression: "rate(1 hour)" });
    template.resourceCountIs("AWS::Events::Rule", 3);
  });

  it("delivers every rule to the run queue's one message group, dead-lettering what it cannot deliver", () => {
    template.allResourcesProperties("AWS::Events::Rule", {
      Targets: [
        Match.objectLike({
          Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("Runs"), "Arn"] },
          SqsParameters: { MessageGroupId: "verification-runs" },
          RetryPolicy: { MaximumEventAgeInSeconds: Duration.hours(2).toSeconds(), MaximumRetryAttempts: 8 },
          DeadLetterConfig: { Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("UndeliveredEvents"), "Arn"] } },
        }),
      ],
    });
  });
});

describe("RolloutVerifier monitoring", { timeout: 120_000 }, () => {
  it.each([
    ["ServicesFailed", MetricName.servicesFailed],
    ["SecurityFindings", MetricName.securityFindings],
  ])("alarms on any %s from the verifier's namespace", (_label, name) => {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      Metrics: [
        Match.objectLike({ Expression: `SELECT MAX(${name}) FROM "${MetricNamespace}"`, Period: 300 }),
      ],
    });
  });

  it("keeps the run-fed alarms in their state while no run reports: missing data is ignored", () => {
    for (const name of [MetricName.servicesFailed, MetricName.securityFindings])
      template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        TreatMissingData: "ignore",
        Metrics: [Match.objectLike({ Expression: `SELECT MAX(${name}) FROM "${MetricNamespace}"` })],
      });
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      AlarmName: Match.absent(),
      TreatMissingData: "ignore",
      Metrics: Match.arrayWith([Match.objectLike({ Expression: "m0 + m1", Label: "Errors" })]),
    });
  });

  it("graphs the time to converge apart from the run duration, and the stale line from secret-wide runs only", () => {
    const body = new Capture();
    template.hasResourceProperties("AWS::CloudWatch::Dashboard", { DashboardBody: body });
    const rendered = JSON.stringify(body.asObject());
    expect(rendered).toContain("Time to converge: cut-over to the run that proved every task current");
    expect(rendered).toMatch(/\{EcsRolloutVerifier,SecretName\} MetricName=\W+TasksStale\W/);
  });

  it("alarms on function errors and dead-letter depth, all notifying one encrypted topic", () => {
    // Errors of both functions, and the depth of both dead-letter queues, each summed into one alarm.
    for (const [label, namespace, metricName] of [
      ["Errors", "AWS/Lambda", "Errors"],
      ["Dead letters", "AWS/SQS", "ApproximateNumberOfMessagesVisible"],
    ])
      template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Metrics: Match.arrayWith([
          Match.objectLike({ Expression: "m0 + m1", Label: label }),
          Match.objectLike({
            Id: "m0",
            MetricStat: Match.objectLike({
              Metric: Match.objectLike({ Namespace: namespace, MetricName: metricName }),
            }),
          }),
          Match.objectLike({
            Id: "m1",
            MetricStat: Match.objectLike({
              Metric: Match.objectLike({ Namespace: namespace, MetricName: metricName }),
            }),
          }),
        ]),
      });
    template.allResourcesProperties("AWS::CloudWatch::Alarm", {
      AlarmActions: [{ Ref: Match.stringLikeRegexp("AlarmTopic") }],
    });
    template.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties("AWS::KMS::Key", {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: "cloudwatch.amazonaws.com" } }),
        ]),
      },
    });
  });

  it("builds the dashboard from the shared metric names and a run table over the log group", () => {
    const body = new Capture();
    template.hasResourceProperties("AWS::CloudWatch::Dashboard", { DashboardBody: body });
    const rendered = JSON.stringify(body.asObject());
    for (const name of Object.values(MetricName))
      expect(rendered).toContain(`MetricName=\\\\\\"${name}\\\\\\"`);
    expect(rendered).toContain("Latest run per service");
    expect(rendered).toContain("by svc.cluster, svc.service");
  });

  it("saves the operator queries against the verifier's log group", () => {
    template.resourceCountIs("AWS::Logs::QueryDefinition", 3);
    template.hasResourceProperties("AWS::Logs::QueryDefinition", {
      Name: "ecs-rollout-verifier/every forced deployment",
      QueryString: Match.stringLikeRegexp(
        `filter message = "${LogMessage.summary}"[^]*svc.action = "forced-deployment"`,
      ),
      LogGroupNames: [{ Ref: Match.stringLikeRegexp("Logs") }],
    });
    template.hasResourceProperties("AWS::Logs::QueryDefinition", {
      Name: "ecs-rollout-verifier/which tasks lagged for a rotation",
      QueryString: Match.stringLikeRegexp(
        `filter message = "${LogMessage.task}" and verdict in \\["stale", "pinned"`,
      ),
    });
  });
});
