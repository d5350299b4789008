import { Duration } from "aws-cdk-lib";
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { MetricName } from "../lambda/core/report/metric-names.js";
import { verifierMetric } from "./verifier-metrics.js";

/** What the alarms watch. */
export interface VerifierAlarmsProps {
  /** The verification function and the gate function: an error in either is a failed run. */
  readonly functions: readonly IFunction[];
  /** The runs' FIFO dead-letter queue and EventBridge's undelivered-events queue. */
  readonly deadLetterQueues: readonly IQueue[];
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
      sumOf(
        "Errors",
        props.functions.map((fn) => fn.metricErrors({ period: Duration.minutes(5) })),
      ),
      "The verifier run failed (configuration, permissions or an AWS call). Its log group has the error with a code.",
    );
    this.deadLetters = alarm(
      "DeadLetters",
      sumOf(
        "Dead letters",
        props.deadLetterQueues.map((queue) =>
          queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        ),
      ),
      "An event was not verified: a run failed after SQS's retries, or EventBridge could not deliver it to the run queue. Inspect the dead-letter queues (stack outputs), fix the cause, re-run with a direct invocation.",
      // SQS reports the queue depth every minute, zeros included: missing data is no news.
      TreatMissingData.NOT_BREACHING,
    );
  }

  /** All alarms, for an alarm-status widget or a composite alarm. */
  get all(): readonly Alarm[] {
    return [this.servicesFailed, this.securityFindings, this.functionErrors, this.deadLetters];
  }
}

/** One series adding up several metrics of the same kind (both functions, both queues). */
export function sumOf(label: string, metrics: readonly IMetric[]): IMetric {
  const [only] = metrics;
  if (metrics.length === 1 && only) return only;
  const usingMetrics = Object.fromEntries(metrics.map((metric, index) => [`m${index}`, metric]));
  return new MathExpression({
    expression: Object.keys(usingMetrics).join(" + "),
    usingMetrics,
    label,
    period: Duration.minutes(5),
  });
}
