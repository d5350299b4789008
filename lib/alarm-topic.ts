import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Topic } from "aws-cdk-lib/aws-sns";
import type { Construct } from "constructs";

/**
 * An SNS topic CloudWatch alarms can publish to while it is encrypted: the AWS-managed SNS key's
 * policy does not admit CloudWatch, so the topic gets its own rotating key that does.
 */
export function createAlarmTopic(scope: Construct, id: string): Topic {
  const key = new Key(scope, `${id}Key`, {
    enableKeyRotation: true,
    description: "ecs-rollout-verifier: encrypts the alarm topic",
    pendingWindow: Duration.days(7),
    removalPolicy: RemovalPolicy.DESTROY,
  });
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: "AllowCloudWatchAlarmsToPublish",
      principals: [new ServicePrincipal("cloudwatch.amazonaws.com")],
      actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
      resources: ["*"],
    }),
  );
  return new Topic(scope, id, {
    displayName: "ecs-rollout-verifier alarms",
    masterKey: key,
    enforceSSL: true,
  });
}
