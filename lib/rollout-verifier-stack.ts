import { CfnOutput, Stack, type StackProps, Validations } from "aws-cdk-lib";
import { type ISubnet, Port, SecurityGroup, Subnet, Vpc } from "aws-cdk-lib/aws-ec2";
import { Cluster } from "aws-cdk-lib/aws-ecs";
import { Schedule } from "aws-cdk-lib/aws-events";
import { Key } from "aws-cdk-lib/aws-kms";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Topic } from "aws-cdk-lib/aws-sns";
import type { Construct } from "constructs";
import type { StackContext } from "./read-stack-context.js";
import { RolloutVerifier } from "./rollout-verifier.js";

/** The stack's inputs: the checked `cdk.json` context. */
export interface RolloutVerifierStackProps extends StackProps {
  readonly context: StackContext;
}

/**
 * The deployable unit: imports the existing VPC, subnets, secrets, clusters and topic named in the
 * context and composes one `RolloutVerifier`. It holds no behaviour of its own.
 */
export class RolloutVerifierStack extends Stack {
  readonly verifier: RolloutVerifier;

  constructor(scope: Construct, id: string, props: RolloutVerifierStackProps) {
    super(scope, id, props);
    const { context } = props;
    // fromVpcAttributes insists on one AZ; no AZ is ever read because the subnets are named explicitly.
    const vpc = Vpc.fromVpcAttributes(this, "Vpc", { vpcId: context.vpc, availabilityZones: ["unused"] });
    const importGroups = (prefix: string, ids: readonly string[] | undefined) =>
      ids?.map((groupId) => SecurityGroup.fromSecurityGroupId(this, `${prefix}${groupId}`, groupId));
    const alarmTopic = context.alarmTopic
      ? Topic.fromTopicArn(this, "AlarmTopic", context.alarmTopic)
      : undefined;
    // Every context key is the prop of the same name: imported by id or ARN where the prop takes a construct.
    this.verifier = new RolloutVerifier(this, "Verifier", {
      vpc,
      vpcSubnets: { subnets: context.vpcSubnets.map((subnetId) => importSubnet(this, subnetId)) },
      secrets: context.secrets.map((secret, index) =>
        Secret.fromSecretAttributes(this, `Secret${index}`, {
          secretCompleteArn: secret.arn,
          ...(secret.kmsKeyArn
            ? { encryptionKey: Key.fromKeyArn(this, `SecretKey${index}`, secret.kmsKeyArn) }
            : {}),
        }),
      ),
      ...(context.clusters && {
        clusters: context.clusters.map((clusterName) =>
          Cluster.fromClusterAttributes(this, `Cluster-${clusterName}`, { clusterName, vpc }),
        ),
      }),
      ...(context.securityGroups && {
        securityGroups: importGroups("FunctionSg-", context.securityGroups),
      }),
      ...(context.taskSecurityGroups && {
        taskSecurityGroups: importGroups("TaskSg-", context.taskSecurityGroups),
      }),
      ...(context.probePorts && { probePorts: toPort(context.probePorts) }),
      ...(context.sweepSchedule && { sweepSchedule: Schedule.expression(context.sweepSchedule) }),
      ...(context.logRetention !== undefined && { logRetention: context.logRetention as RetentionDays }),
      ...(alarmTopic && { alarmTopic }),
      ...pick(context, [
        "cloudTrailFallbacks",
        "dryRun",
        "requireRedeployTag",
        "bridgeNetworking",
        "taskLogGroups",
        "securityProbes",
        "maxRedeploysPerRun",
        "followUpWindow",
        "probePath",
        "probeIssuer",
        "probeAudience",
        "probeTimeout",
        "probeConcurrency",
        "awsConcurrency",
        "timeout",
        "memorySize",
        "gateOnError",
        "gateMaxWait",
        "gateCallBackDelay",
        "alarmEmail",
      ]),
    });
    this.addOutputs();
  }

  /** Where to look after a deploy: the dashboard, the function to invoke directly, its logs, the alarm topic, the dead letters. */
  private addOutputs(): void {
    const { verifier } = this;
    new CfnOutput(this, "DashboardName", { value: verifier.dashboard.dashboard.dashboardName });
    new CfnOutput(this, "FunctionName", { value: verifier.function.functionName });
    new CfnOutput(this, "LogGroupName", {
      value: verifier.logGroup.logGroupName,
      description: "Both functions' JSON logs and the run reports (retained when the stack is deleted)",
    });
    new CfnOutput(this, "GateFunctionArn", {
      value: verifier.gateFunction.functionArn,
      description: "The deployment gate's hookTargetArn",
    });
    new CfnOutput(this, "GateHookRoleArn", {
      value: verifier.gate.hookRole.roleArn,
      description: "The deployment gate's roleArn: ECS assumes it to invoke the function",
    });
    new CfnOutput(this, "AlarmTopicArn", { value: verifier.alarmTopic.topicArn });
    new CfnOutput(this, "DeadLetterQueueUrl", {
      value: verifier.deadLetterQueue.queueUrl,
      description: "Runs that failed after SQS's retries (FIFO)",
    });
    new CfnOutput(this, "UndeliveredEventsQueueUrl", {
      value: verifier.undeliveredEvents.queueUrl,
      description: "Events EventBridge could not deliver to the run queue",
    });
  }
}

/** The function needs only the subnet id; its route table is the deployer's business. */
function importSubnet(scope: Construct, subnetId: string): ISubnet {
  const subnet = Subnet.fromSubnetId(scope, subnetId, subnetId);
  Validations.of(subnet).acknowledge({
    id: "Annotation::@aws-cdk/aws-ec2:noSubnetRouteTableId",
    reason: "Lambda ENIs need only the subnet id; routing to the tasks and AWS APIs is the deployer's VPC.",
  });
  return subnet;
}

function toPort(range: string): Port {
  const [from, to] = range.split("-").map(Number) as [number, number | undefined];
  return to === undefined ? Port.tcp(from) : Port.tcpRange(from, to);
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(
    keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]),
  ) as Pick<T, K>;
}
