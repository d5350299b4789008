import { Duration } from "aws-cdk-lib";
import { type IMetric, MathExpression, SearchExpression } from "aws-cdk-lib/aws-cloudwatch";
import {
  EvidenceMetricName,
  MetricDimension,
  MetricName,
  MetricNamespace,
} from "../lambda/core/report/metric-names.js";

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
 * The series of one metric for dashboards, as a search expression (it covers any time range a
 * rotation happened in). By default only the secret-wide series (dimension SecretName alone), one
 * line per secret: runs scoped to one service publish part of the picture, and a stale line built
 * from them would drop while other services still lag. `allSeries` adds every cluster and service series.
 */
export function verifierMetricSeries(
  name: MetricName,
  options: VerifierMetricOptions & { readonly allSeries?: boolean } = {},
): IMetric {
  const period = options.period ?? Duration.minutes(5);
  const schema = options.allSeries ? `Namespace="${MetricNamespace}"` : `{${MetricNamespace},SecretName}`;
  return new SearchExpression({
    expression: `SEARCH('${schema} MetricName="${name}"', 'Maximum', ${period.toSeconds()})`,
    period,
    label: options.label ?? seriesLabel,
  });
}

/** CloudWatch dynamic label for the per-evidence series: the evidence kind, then the secret. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudWatch dynamic-label syntax, not a JS template.
const evidenceLabel = "${PROP('Dim.Evidence')} ${PROP('Dim.SecretName')}";

/**
 * The per-evidence series of one metric for dashboards (dimensions SecretName + Evidence, one line
 * per secret and evidence kind), as a search expression. Only runs over every consumer of a secret
 * publish them, every evidence kind each time, zeros included: a line falls to 0 when the tasks it
 * counted are gone.
 */
export function verifierEvidenceSeries(
  name: EvidenceMetricName,
  options: VerifierMetricOptions = {},
): IMetric {
  const period = options.period ?? Duration.minutes(5);
  const schema = `{${MetricNamespace},${MetricDimension.evidence},${MetricDimension.secretName}}`;
  return new SearchExpression({
    expression: `SEARCH('${schema} MetricName="${name}"', 'Maximum', ${period.toSeconds()})`,
    period,
    label: options.label ?? evidenceLabel,
  });
}

/** The metric names the dashboard and alarms use, re-exported so callers need one import. */
export { EvidenceMetricName, MetricName };
