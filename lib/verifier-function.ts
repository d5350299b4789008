import { Duration } from "aws-cdk-lib";
import { type ISecurityGroup, Peer, Port, SecurityGroup } from "aws-cdk-lib/aws-ec2";
import { type PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import {
  ApplicationLogLevel,
  Architecture,
  Code,
  EventSourceMapping,
  type FunctionProps,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from "aws-cdk-lib/aws-lambda";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import { type IQueue, Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { lambdaBundleDirectory, lambdaBundleFile } from "./lambda-bundle-directory.js";
import type { VerifierSettings } from "./resolve-verifier-settings.js";
import { verifierEnvironment } from "./verifier-environment.js";
import { verifierPolicyStatements } from "./verifier-policy.js";

/** How often a run's message is delivered before it goes to the dead-letter queue: the first try and two retries. */
export const RUN_MAX_RECEIVES = 3;

/**
 * The verifier's two functions, built from one bundle, with everything a production Lambda needs
 * around them: one role (no managed policies), JSON logs in one explicit log group, queues for runs.
 *
 * - `function` runs verifications. EventBridge delivers every trigger to a FIFO queue with one
 *   message group, which Lambda reads one batch of one message at a time: runs never overlap, yet
 *   no concurrency is reserved (a reservation fails the stack on accounts with a low concurrency
 *   quota, and would throttle the gate). Content-based deduplication absorbs an event delivered
 *   twice within five minutes; a run that fails is retried by SQS and then kept in the FIFO
 *   dead-letter queue. Direct invocations reach it too.
 * - `gateFunction` answers ECS deployment lifecycle hooks only, so a long rotation run or sweep
 *   never delays or throttles a hook.
 */
export class VerifierFunction extends Construct {
  /** Runs verifications: the run queue's consumer and the target of direct invocations. */
  readonly function: LambdaFunction;
  /** The deployment gate: the `hookTargetArn` of ECS lifecycle hooks. */
  readonly gateFunction: LambdaFunction;
  readonly logGroup: LogGroup;
  /** FIFO, one message group: every EventBridge trigger waits here for the one run at a time. */
  readonly runQueue: IQueue;
  /** FIFO: runs that failed `RUN_MAX_RECEIVES` times, kept 14 days. */
  readonly deadLetterQueue: IQueue;
  /** Standard (EventBridge's dead-letter queues must be): events EventBridge could not put on the run queue. */
  readonly undeliveredEvents: IQueue;
  readonly securityGroups: readonly ISecurityGroup[];
  /** The statements on the functions' role, for review and for the cdk-nag acknowledgements. */
  readonly policyStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, settings: VerifierSettings) {
    super(scope, id);
    this.logGroup = new LogGroup(this, "Logs", { retention: settings.logRetention });
    const queueBasics = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;
    this.deadLetterQueue = new Queue(this, "DeadLetters", {
      ...queueBasics,
      fifo: true,
      retentionPeriod: Duration.days(14),
    });
    this.undeliveredEvents = new Queue(this, "UndeliveredEvents", {
      ...queueBasics,
      retentionPeriod: Duration.days(14),
    });
    this.runQueue = new Queue(this, "Runs", {
      ...queueBasics,
      fifo: true,
      contentBasedDeduplication: true,
      // AWS's guidance for a Lambda event source: at least six times the function timeout.
      visibilityTimeout: Duration.seconds(settings.timeout.toSeconds() * 6),
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: RUN_MAX_RECEIVES },
    });
    const role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description:
        "ecs-rollout-verifier: reads the watched secrets, reads ECS, force-deploys lagging services",
    });
    this.policyStatements = verifierPolicyStatements(this, settings, {
      logGroup: this.logGroup,
      runQueue: this.runQueue,
    });
    for (const statement of this.policyStatements) role.addToPrincipalPolicy(statement);
    this.securityGroups = settings.securityGroups ?? [this.createSecurityGroup(settings)];
    const shared = this.functionProps(settings, role);
    this.function = new LambdaFunction(this, "Handler", {
      ...shared,
      description: "Proves that ECS tasks picked up a rotated secret and force-deploys the laggards",
    });
    this.gateFunction = new LambdaFunction(this, "GateHandler", {
      ...shared,
      description: "Deployment gate: verifies a deployment's new tasks hold the current key before traffic",
    });
    // Not SqsEventSource: it also grants sqs:GetQueueUrl and ChangeMessageVisibility, which Lambda's
    // poller does not need; the role's ReceiveRunRequests statement grants exactly what it does.
    new EventSourceMapping(this, "RunQueueMapping", {
      target: this.function,
      eventSourceArn: this.runQueue.queueArn,
      batchSize: 1,
    });
  }

  private functionProps(settings: VerifierSettings, role: Role): FunctionProps {
    return {
      // The prebuilt bundle (`npm run build`, shipped in the package): one asset for both functions.
      code: Code.fromAsset(lambdaBundleDirectory(), {
        exclude: ["*", `!${lambdaBundleFile}`, `!${lambdaBundleFile}.map`],
      }),
      handler: "handler.handler", // handler.mjs, export `handler`
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      timeout: settings.timeout,
      memorySize: settings.memorySize,
      role,
      vpc: settings.vpc,
      vpcSubnets: settings.vpcSubnets,
      securityGroups: [...this.securityGroups],
      environment: { ...verifierEnvironment(settings), NODE_OPTIONS: "--enable-source-maps" },
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      logGroup: this.logGroup,
      // A direct invocation is synchronous; an asynchronous one is not retried behind the queue's back.
      retryAttempts: 0,
    };
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
