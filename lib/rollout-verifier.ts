import type { IMetric } from "aws-cdk-lib/aws-cloudwatch";
import type { Connections, IConnectable } from "aws-cdk-lib/aws-ec2";
import { Grant, type IGrantable } from "aws-cdk-lib/aws-iam";
import type { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import type { LogGroup, QueryDefinition } from "aws-cdk-lib/aws-logs";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { MetricName } from "../lambda/core/report/metric-names.js";
import { createAlarmTopic } from "./alarm-topic.js";
import { DeploymentGate } from "./deployment-gate.js";
import { acknowledgeNagFindings } from "./nag-acknowledgements.js";
import { resolveVerifierSettings, type VerifierSettings } from "./resolve-verifier-settings.js";
import type { RolloutVerifierProps } from "./rollout-verifier-props.js";
import { VerifierAlarms } from "./verifier-alarms.js";
import { VerifierDashboard } from "./verifier-dashboard.js";
import { VerifierFunction } from "./verifier-function.js";
import { type VerifierMetricOptions, verifierMetric } from "./verifier-metrics.js";
import { createQueryDefinitions } from "./verifier-queries.js";
import { VerifierRules } from "./verifier-rules.js";

/**
 * Verifies, after every rotation of the watched secrets, that each ECS task consuming them holds
 * the new value, force-deploys the services that lag, verifies again, and reports in CloudWatch
 * (alarms to an SNS topic, a dashboard, saved Logs Insights queries).
 */
export class RolloutVerifier extends Construct implements IConnectable {
  /** Runs verifications: fed by the run queue, and the target of direct invocations. */
  readonly function: LambdaFunction;
  /** The deployment gate's function: the `hookTargetArn` of ECS lifecycle hooks. */
  readonly gateFunction: LambdaFunction;
  readonly logGroup: LogGroup;
  /** FIFO, one message group: EventBridge triggers wait here so that runs never overlap. */
  readonly runQueue: IQueue;
  /** FIFO: runs that failed after SQS's retries. */
  readonly deadLetterQueue: IQueue;
  /** Standard: events EventBridge could not deliver to the run queue. */
  readonly undeliveredEvents: IQueue;
  readonly alarmTopic: ITopic;
  readonly alarms: VerifierAlarms;
  readonly dashboard: VerifierDashboard;
  readonly rules: VerifierRules;
  /** The lifecycle hook role, the gate's alarms and dashboard row (docs/deployment-gate.md). */
  readonly gate: DeploymentGate;
  readonly queries: readonly QueryDefinition[];
  /** The function's network connections: open further task ports with `verifier.connections.allowTo(...)`. */
  readonly connections: Connections;
  private readonly settings: VerifierSettings;

  constructor(scope: Construct, id: string, props: RolloutVerifierProps) {
    super(scope, id);
    this.settings = resolveVerifierSettings(props);
    const fn = new VerifierFunction(this, "Function", this.settings);
    this.function = fn.function;
    this.gateFunction = fn.gateFunction;
    this.logGroup = fn.logGroup;
    this.runQueue = fn.runQueue;
    this.deadLetterQueue = fn.deadLetterQueue;
    this.undeliveredEvents = fn.undeliveredEvents;
    this.connections = this.function.connections;
    for (const taskGroup of this.settings.taskSecurityGroups)
      this.connections.allowTo(taskGroup, this.settings.probePorts, "ecs-rollout-verifier JWT probes");
    this.rules = new VerifierRules(this, "Rules", {
      runQueue: this.runQueue,
      undeliveredEvents: this.undeliveredEvents,
      settings: this.settings,
    });
    this.alarmTopic = this.settings.alarmTopic ?? createAlarmTopic(this, "AlarmTopic");
    if (this.settings.alarmEmail)
      this.alarmTopic.addSubscription(new EmailSubscription(this.settings.alarmEmail));
    this.alarms = new VerifierAlarms(this, "Alarms", {
      functions: [this.function, this.gateFunction],
      deadLetterQueues: [this.deadLetterQueue, this.undeliveredEvents],
      topic: this.alarmTopic,
    });
    this.dashboard = new VerifierDashboard(this, "Dashboard", {
      function: this.function,
      logGroup: this.logGroup,
      deadLetterQueues: [this.deadLetterQueue, this.undeliveredEvents],
      alarms: this.alarms,
    });
    this.gate = new DeploymentGate(this, "Gate", {
      function: this.gateFunction,
      topic: this.alarmTopic,
      dashboard: this.dashboard.dashboard,
    });
    this.queries = createQueryDefinitions(this, this.logGroup);
    acknowledgeNagFindings(fn, fn.policyStatements, [fn.deadLetterQueue, fn.undeliveredEvents]);
  }

  /** Lets a principal start a run directly (`{ "secretId": ..., "dryRun": true }`), e.g. from a pipeline. */
  grantInvoke(grantee: IGrantable): Grant {
    return this.function.grantInvoke(grantee);
  }

  /**
   * Lets a principal read the run reports: the log group's events, and Logs Insights queries over
   * it (`logs:GetQueryResults` has no resource-level permissions, so it is granted on `*`).
   */
  grantReadReports(grantee: IGrantable): Grant {
    const arn = this.logGroup.logGroupArn;
    return this.logGroup
      .grantRead(grantee)
      .combine(Grant.addToPrincipal({ grantee, actions: ["logs:StartQuery"], resourceArns: [arn] }))
      .combine(Grant.addToPrincipal({ grantee, actions: ["logs:GetQueryResults"], resourceArns: ["*"] }));
  }

  /** Any verifier metric, aggregated over secrets and clusters (MAX of per-run values). */
  metric(name: MetricName, options?: VerifierMetricOptions): IMetric {
    return verifierMetric(name, options);
  }

  /** Tasks found holding the old secret in a run. */
  metricTasksStale(options?: VerifierMetricOptions): IMetric {
    return this.metric(MetricName.tasksStale, options);
  }

  /** Tasks checked in a run. */
  metricTasksChecked(options?: VerifierMetricOptions): IMetric {
    return this.metric(MetricName.tasksChecked, options);
  }

  /** Services force-deployed in a run. */
  metricServicesRedeployed(options?: VerifierMetricOptions): IMetric {
    return this.metric(MetricName.servicesRedeployed, options);
  }

  /** Forced deployments that failed, rolled back, or left stale tasks. */
  metricServicesFailed(options?: VerifierMetricOptions): IMetric {
    return this.metric(MetricName.servicesFailed, options);
  }

  /** Tasks that accepted a forged token (alg none or a wrong key). */
  metricSecurityFindings(options?: VerifierMetricOptions): IMetric {
    return this.metric(MetricName.securityFindings, options);
  }

  /** Probes rejected with 401/403. */
  metricProbeRejected(options?: VerifierMetricOptions): IMetric {
    return this.metric(MetricName.probeRejected, options);
  }

  /** Seconds one run took, from trigger to report. */
  metricVerificationSeconds(options?: VerifierMetricOptions): IMetric {
    return this.metric(MetricName.verificationSeconds, options);
  }
}
