import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { MetricName } from "../lambda/core/report/metric-names.js";
import { verifierMetric } from "./verifier-metrics.js";

/** What the alarms watch. */
export interface VerifierAlarmsProps {
  readonly function: IFunction;
  readonly deadLetterQueue: IQueue;
  readonly topic: ITopic;
}

/**
 * The conditions an operator must act on, each a "≥ 1 in 5 minutes" alarm notifying the topic on
 * ALARM and OK: a forced deployment that failed or left stale tasks, a task accepting forged tokens,
 * a failed run, a run that ended in the dead-letter queue. The verifier's metrics and the function's
 * errors have data only when the function runs (hourly between rotations), so missing data keeps
 * the alarm's state (`IGNORE`): an alarm stays in ALARM until a run reports the problem gone.
 * Runs scoped to one service publish ServicesFailed and SecurityFindings only when not zero, so
 * only a run over every consumer of the secret clears them.
 */
export class VerifierAlarms extends Construct {
  readonly servicesFailed: Alarm;
  readonly securityFindings: Alarm;
  readonly functionErrors: Alarm;
  readonly deadLetters: Alarm;

  constructor(scope: Construct, id: string, props: VerifierAlarmsProps) {
    super(scope, id);
    const action = new SnsAction(props.topic);
    const alarm = (
      alarmId: string,
      metric: IMetric,
      description: string,
      treatMissingData = TreatMissingData.IGNORE,
    ): Alarm => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      return created;
    };
    this.servicesFailed = alarm(
      "ServicesFailed",
      verifierMetric(MetricName.servicesFailed),
      "A forced deployment FAILED, rolled back, or completed with stale tasks left: tasks still hold the old secret. Read the run report (dashboard) for the service and reason.",
    );
    this.securityFindings = alarm(
      "SecurityFindings",
      verifierMetric(MetricName.securityFindings),
      "CRITICAL: a task accepted a token with alg none or a wrong key. Find it with the dashboard's run table and fix its JWT verification.",
    );
    this.functionErrors = alarm(
      "FunctionErrors",
      props.function.metricErrors({ period: Duration.minutes(5) }),
      "The verifier run failed (configuration, permissions or an AWS call). Its log group has the error with a code.",
    );
    this.deadLetters = alarm(
      "DeadLetters",
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      "An event was not verified after every retry. Inspect the dead-letter queue, fix the cause, re-run with a direct invocation.",
      // SQS reports the queue depth every minute, zeros included: missing data is no news.
      TreatMissingData.NOT_BREACHING,
    );
  }

  /** All alarms, for an alarm-status widget or a composite alarm. */
  get all(): readonly Alarm[] {
    return [this.servicesFailed, this.securityFindings, this.functionErrors, this.deadLetters];
  }
}
