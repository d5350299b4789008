import { Duration } from "aws-cdk-lib";
import { type IMetric, MathExpression, SearchExpression } from "aws-cdk-lib/aws-cloudwatch";
import { MetricName, MetricNamespace } from "../lambda/core/report/metric-names.js";

/** Options of the verifier's metric accessors. */
export interface VerifierMetricOptions {
  /** @default Duration.minutes(5) */
  readonly period?: Duration;
  /** @default the metric name */
  readonly label?: string;
}

/**
 * One of the verifier's metrics, aggregated over every secret and cluster it emitted for, as a
 * Metrics Insights query: usable in alarms and graphs whatever dimensions the EMF records carry.
 * The statistic is MAX of the per-run values, so "≥ 1" alarms fire when any run saw one.
 */
export function verifierMetric(name: MetricName, options: VerifierMetricOptions = {}): IMetric {
  return new MathExpression({
    expression: `SELECT MAX(${name}) FROM "${MetricNamespace}"`,
    period: options.period ?? Duration.minutes(5),
    label: options.label ?? name,
  });
}

/** CloudWatch dynamic label: the metric name, then the series' own dimension values (secret, cluster). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudWatch dynamic-label syntax, not a JS template.
const seriesLabel = "${PROP('MetricName')} ${LABEL}";

/**
 * Every series of one metric (one line per secret, and per cluster where emitted), for dashboards:
 * a search expression, so it covers any time range a rotation happened in.
 */
export function verifierMetricSeries(name: MetricName, options: VerifierMetricOptions = {}): IMetric {
  const period = options.period ?? Duration.minutes(5);
  return new SearchExpression({
    expression: `SEARCH('Namespace="${MetricNamespace}" MetricName="${name}"', 'Maximum', ${period.toSeconds()})`,
    period,
    label: options.label ?? seriesLabel,
  });
}

/** The metric names the dashboard and alarms use, re-exported so callers need one import. */
export { MetricName };
