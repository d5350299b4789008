import { Duration } from "aws-cdk-lib";
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  LogQueryVisualizationType,
  LogQueryWidget,
  TextWidget,
} from "aws-cdk-lib/aws-cloudwatch";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { ILogGroup } from "aws-cdk-lib/aws-logs";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { EvidenceMetricName, MetricName } from "../lambda/core/report/metric-names.js";
import type { VerifierAlarms } from "./verifier-alarms.js";
import { verifierEvidenceSeries, verifierMetricSeries } from "./verifier-metrics.js";
import { VerifierQuery } from "./verifier-queries.js";

/** What the dashboard shows. */
export interface VerifierDashboardProps {
  readonly function: IFunction;
  readonly logGroup: ILogGroup;
  /** The runs' dead-letter queue and EventBridge's undelivered-events queue. */
  readonly deadLetterQueues: readonly IQueue[];
  readonly alarms: VerifierAlarms;
}

const guide = [
  "## ECS rollout verifier",
  "After a rotation, **Tasks stale** should fall to 0 once the forced deployments complete.",
  "A stale line that stays up, or any **ServicesFailed** / **SecurityFindings**, needs an operator:",
  "the run table below names the service and the reason. Saved queries: *Logs Insights > Queries > ecs-rollout-verifier*.",
  "**By evidence** says what each verdict rests on: `probe`, `issuer-probe`, `jwks` and `log-fingerprint` are proof;",
  "`timestamps` alone is a start time against the cut-over; `none` decided nothing. **Tasks refreshing** wait out a cache TTL.",
].join("\n");

/** One page that shows a rotation at a glance: fleet state, actions, probe outcomes, health, the latest runs. */
export class VerifierDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: VerifierDashboardProps) {
    super(scope, id);
    const graph = (title: string, names: readonly MetricName[]): GraphWidget =>
      new GraphWidget({ title, width: 12, left: names.map((name) => verifierMetricSeries(name)) });
    this.dashboard = new Dashboard(this, "Dashboard", { defaultInterval: Duration.days(1) });
    this.dashboard.addWidgets(new TextWidget({ markdown: guide, width: 24, height: 4 }));
    this.dashboard.addWidgets(
      graph("Tasks checked vs stale vs pinned vs unknown vs refreshing", [
        MetricName.tasksChecked,
        MetricName.tasksStale,
        MetricName.tasksPinned,
        MetricName.tasksUnknown,
        MetricName.tasksRefreshing,
      ]),
      graph("Services redeployed / blocked / failed", [
        MetricName.servicesRedeployed,
        MetricName.servicesBlocked,
        MetricName.servicesFailed,
      ]),
    );
    this.dashboard.addWidgets(
      graph("Probe rejections, security findings, report gaps", [
        MetricName.probeRejected,
        MetricName.probeUnreachable,
        MetricName.securityFindings,
        MetricName.reportGaps,
      ]),
      new GraphWidget({
        title: "Time to converge: cut-over to the run that proved every task current (s)",
        width: 12,
        left: [verifierMetricSeries(MetricName.timeToConvergeSeconds, { allSeries: true })],
        right: [verifierMetricSeries(MetricName.verificationSeconds, { allSeries: true })],
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: "By evidence: stale tasks and what proved them (left), current tasks (right)",
        width: 12,
        left: [verifierEvidenceSeries(EvidenceMetricName.tasksStaleByEvidence)],
        right: [verifierEvidenceSeries(EvidenceMetricName.tasksCurrentByEvidence)],
      }),
      new GraphWidget({
        title: "By evidence: every task, by what its verdict rests on",
        width: 12,
        left: [verifierEvidenceSeries(EvidenceMetricName.tasksByEvidence)],
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: "Verifier function: errors, throttles, dead letters",
        width: 12,
        left: [props.function.metricErrors(), props.function.metricThrottles()],
        right: props.deadLetterQueues.map((queue) => queue.metricApproximateNumberOfMessagesVisible()),
      }),
      new AlarmStatusWidget({ title: "Alarms", width: 12, alarms: [...props.alarms.all] }),
    );
    this.dashboard.addWidgets(
      new LogQueryWidget({
        title: "Latest run per service",
        width: 24,
        height: 8,
        logGroupNames: [props.logGroup.logGroupName],
        queryString: VerifierQuery.latestRunPerService.toString(),
        view: LogQueryVisualizationType.TABLE,
      }),
    );
  }
}
