import { fileURLToPath } from "node:url";
import { Duration } from "aws-cdk-lib";
import { type ISecurityGroup, Peer, Port, SecurityGroup } from "aws-cdk-lib/aws-ec2";
import { type PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import { type IQueue, Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { lambdaBundle } from "./lambda-bundle.js";
import type { VerifierSettings } from "./resolve-verifier-settings.js";
import { verifierEnvironment } from "./verifier-environment.js";
import { verifierPolicyStatements } from "./verifier-policy.js";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));

/**
 * The verifier function with everything a production Lambda needs around it: its own role (no
 * managed policies), JSON logs in an explicit log group, and a dead-letter queue for failed runs.
 * Reserved concurrency is 1: one rotation raises several events (Secret Label Updated, the CloudTrail
 * fallbacks, the sweep, deployment events), and two runs side by side could both see a service lag
 * and both force-deploy it. Serialised, the second event waits in Lambda's async queue (throttles
 * are retried for hours) and then finds the deployment already rolling.
 */
export class VerifierFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  /** Receives async invocations that failed after Lambda's retries, and events EventBridge could not deliver. */
  readonly deadLetterQueue: IQueue;
  readonly securityGroups: readonly ISecurityGroup[];
  /** The statements on the function's role, for review and for the cdk-nag acknowledgements. */
  readonly policyStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, settings: VerifierSettings) {
    super(scope, id);
    this.logGroup = new LogGroup(this, "Logs", { retention: settings.logRetention });
    this.deadLetterQueue = new Queue(this, "DeadLetters", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description:
        "ecs-rollout-verifier: reads the watched secrets, reads ECS, force-deploys lagging services",
    });
    this.policyStatements = verifierPolicyStatements(this, settings, {
      logGroup: this.logGroup,
      deadLetterQueue: this.deadLetterQueue,
    });
    for (const statement of this.policyStatements) role.addToPrincipalPolicy(statement);
    this.securityGroups = settings.securityGroups ?? [this.createSecurityGroup(settings)];
    this.function = new NodejsFunction(this, "Handler", {
      entry: fileURLToPath(new URL(`../${lambdaBundle.entry}`, import.meta.url)),
      handler: "handler",
      projectRoot,
      depsLockFilePath: fileURLToPath(new URL("../package-lock.json", import.meta.url)),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      timeout: settings.timeout,
      memorySize: settings.memorySize,
      reservedConcurrentExecutions: 1,
      role,
      vpc: settings.vpc,
      vpcSubnets: settings.vpcSubnets,
      securityGroups: [...this.securityGroups],
      environment: { ...verifierEnvironment(settings), NODE_OPTIONS: "--enable-source-maps" },
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      logGroup: this.logGroup,
      retryAttempts: 2,
      // Not SqsDestination: it also grants sqs:GetQueueAttributes and GetQueueUrl, which Lambda does not
      // use; the role's SendFailedRunsToDeadLetterQueue statement grants sqs:SendMessage alone.
      onFailure: { bind: () => ({ destination: this.deadLetterQueue.queueArn }) },
      description: "Proves that ECS tasks picked up a rotated secret and force-deploys the laggards",
      bundling: {
        format: OutputFormat.ESM,
        target: lambdaBundle.target,
        minify: lambdaBundle.minify,
        sourceMap: lambdaBundle.sourceMap,
        sourcesContent: false,
        bundleAwsSDK: true,
        externalModules: [...lambdaBundle.externalModules],
        esbuildArgs: Object.fromEntries(
          Object.entries(lambdaBundle.alias).map(([from, to]) => [`--alias:${from}`, to]),
        ),
        mainFields: ["module", "main"],
        banner: lambdaBundle.banner,
        forceDockerBundling: false,
      },
    });
  }

  private createSecurityGroup(settings: VerifierSettings): SecurityGroup {
    const group = new SecurityGroup(this, "SecurityGroup", {
      vpc: settings.vpc,
      allowAllOutbound: false,
      description: "ecs-rollout-verifier: HTTPS to AWS APIs, probes to task ports",
    });
    group.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "AWS APIs (through NAT or interface endpoints)");
    group.addEgressRule(Peer.anyIpv4(), settings.probePorts, "JWT probes to task addresses");
    return group;
  }
}
