import { Duration } from "aws-cdk-lib";
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  type Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { type IRole, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";
import { GateMetricName, MetricNamespace } from "../lambda/core/report/metric-names.js";

/** What the gate is built around: the verifier function, the alarm topic and the dashboard. */
export interface DeploymentGateProps {
  readonly function: IFunction;
  readonly topic: ITopic;
  readonly dashboard: Dashboard;
}

/**
 * The deployment gate's AWS side: the role ECS assumes to invoke the verifier as a lifecycle hook
 * (trusted by `ecs.amazonaws.com` only, allowed `lambda:InvokeFunction` on this function only), two
 * alarms (a deployment the gate rolled back; the failure policy answering instead of the evidence)
 * and a dashboard row. Services opt in by naming the role and the function in their
 * `deploymentConfiguration.lifecycleHooks` (docs/deployment-gate.md).
 */
export class DeploymentGate extends Construct {
  /** The `roleArn` of the lifecycle hook. */
  readonly hookRole: IRole;
  readonly failed: Alarm;
  readonly inconclusive: Alarm;

  constructor(scope: Construct, id: string, props: DeploymentGateProps) {
    super(scope, id);
    this.hookRole = new Role(this, "HookRole", {
      assumedBy: new ServicePrincipal("ecs.amazonaws.com"),
      description: "Assumed by ECS to invoke the rollout verifier as a deployment lifecycle hook",
    });
    // The unqualified ARN only (no `:*` for versions and aliases): the hook names the function itself.
    this.hookRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: "InvokeRolloutVerifierOnly",
        actions: ["lambda:InvokeFunction"],
        resources: [props.function.functionArn],
      }),
    );
    const action = new SnsAction(props.topic);
    const alarm = (alarmId: string, name: GateMetricName, description: string): Alarm => {
      const created = new Alarm(this, alarmId, {
        metric: gateMetric(name),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      return created;
    };
    this.failed = alarm(
      "GateFailed",
      GateMetricName.gateFailed,
      "The deployment gate rolled a deployment back before it took traffic: its new tasks held a non-current key or accepted forged tokens. The log record 'deployment gate decided' names each task and why.",
    );
    this.inconclusive = alarm(
      "GateInconclusive",
      GateMetricName.gateInconclusive,
      "The deployment gate could not verify (an AWS call failed, its time ran out, or new tasks never answered) and its failure policy answered instead: with the default open policy the deployment went ahead unverified. See 'deployment gate decided' records with byPolicy true.",
    );
    props.dashboard.addWidgets(
      new GraphWidget({
        title: "Deployment gate answers",
        width: 12,
        left: Object.values(GateMetricName).map((name) => gateMetric(name, "SUM")),
      }),
      new AlarmStatusWidget({
        title: "Deployment gate alarms",
        width: 12,
        alarms: [this.failed, this.inconclusive],
      }),
    );
  }
}

/** One gate metric over the account and region (it carries no dimension). */
export function gateMetric(name: GateMetricName, statistic: "MAX" | "SUM" = "MAX"): IMetric {
  return new MathExpression({
    expression: `SELECT ${statistic}(${name}) FROM "${MetricNamespace}"`,
    period: Duration.minutes(5),
    label: name,
  });
}
