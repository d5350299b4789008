import { App, Stack } from "aws-cdk-lib";
import { SecurityGroup, Vpc } from "aws-cdk-lib/aws-ec2";
import { Cluster } from "aws-cdk-lib/aws-ecs";
import { Key } from "aws-cdk-lib/aws-kms";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { RolloutVerifier } from "../../lib/rollout-verifier.js";
import type { RolloutVerifierProps } from "../../lib/rollout-verifier-props.js";

export const secretArn =
  "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key-Xy9Zab";
export const env = { account: "123456789012", region: "eu-west-1" } as const;

/**
 * An app for template assertions. The functions' code is the prebuilt dist/handler.mjs (`npm run
 * build`), so no test bundles; the name stays from when the construct bundled at synth.
 */
export function appWithoutBundling(): App {
  return new App();
}

/** A stack with the fixture scenario's secret, cluster and VPC, and the verifier built from `overrides`. */
export function buildVerifierStack(
  overrides: (stack: Stack) => Partial<RolloutVerifierProps> = () => ({}),
  app: App = appWithoutBundling(),
): { stack: Stack; verifier: RolloutVerifier } {
  const stack = new Stack(app, "TestStack", { env });
  const vpc = Vpc.fromVpcAttributes(stack, "Vpc", {
    vpcId: "vpc-0123456789abcdef0",
    availabilityZones: ["eu-west-1a"],
    privateSubnetIds: ["subnet-0123456789abcdef0"],
  });
  const verifier = new RolloutVerifier(stack, "Verifier", {
    vpc,
    secrets: [Secret.fromSecretCompleteArn(stack, "Secret", secretArn)],
    clusters: [Cluster.fromClusterAttributes(stack, "Cluster", { clusterName: "orders-prod", vpc })],
    ...overrides(stack),
  });
  return { stack, verifier };
}

/** A customer-managed-key secret, imported by partial ARN, and a task security group: the wider variant. */
export function widerProps(stack: Stack): Partial<RolloutVerifierProps> {
  const key = Key.fromKeyArn(
    stack,
    "SecretKey",
    "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  );
  return {
    secrets: [
      Secret.fromSecretAttributes(stack, "KmsSecret", { secretCompleteArn: secretArn, encryptionKey: key }),
      Secret.fromSecretPartialArn(
        stack,
        "PartialSecret",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/billing/jwt",
      ),
    ],
    taskSecurityGroups: [SecurityGroup.fromSecurityGroupId(stack, "TaskSg", "sg-0123456789abcdef0")],
  };
}
