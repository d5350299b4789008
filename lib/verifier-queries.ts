import type { ILogGroup } from "aws-cdk-lib/aws-logs";
import { QueryDefinition, QueryString } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { LogMessage } from "../lambda/adapters/telemetry/report-log-records.js";
import { ServiceAction, TaskVerdict } from "../lambda/core/report/report.js";

/** A Logs Insights query written out in full: CDK's builder has no `unnest`, which the run summaries need. */
export class LogsInsightsQuery extends QueryString {
  private readonly query: string;

  constructor(lines: readonly string[]) {
    super();
    this.query = lines.join("\n| ");
  }

  override toString(): string {
    return this.query;
  }
}

/** Expands each run summary's `services[]` into one row per service, named `svc`. */
const eachServiceOfEachRun = [
  `filter message = "${LogMessage.summary}"`,
  "fields jsonParse(@message) as run",
  "unnest run.services into svc",
] as const;

const laggingVerdicts = [TaskVerdict.Stale, TaskVerdict.Pinned, TaskVerdict.Unreachable, TaskVerdict.Unknown];

/**
 * The operator's questions as Logs Insights queries over the function's report records (the
 * telemetry adapter's `LogMessage` records: one summary per run with `services[]`, one record per
 * task that is not current with `ecsService`, `taskArn`, `verdict`, `reason`).
 */
export const VerifierQuery = {
  /** Tasks that did not hold AWSCURRENT, newest first; add `| filter versionId = "<id>"` for one rotation. */
  laggingTasks: new LogsInsightsQuery([
    `filter message = "${LogMessage.task}" and verdict in [${laggingVerdicts.map((v) => `"${v}"`).join(", ")}]`,
    "fields @timestamp, secretName, versionId, cluster, ecsService, taskArn, verdict, reason",
    "sort @timestamp desc",
    "limit 1000",
  ]),
  /** Every UpdateService(forceNewDeployment) the verifier made, with the deployment id and why. */
  forcedDeployments: new LogsInsightsQuery([
    ...eachServiceOfEachRun,
    `filter svc.action = "${ServiceAction.ForcedDeployment}"`,
    "sort @timestamp desc",
    "display @timestamp, secretName, versionId, svc.cluster, svc.service, svc.deploymentId, svc.reason",
    "limit 1000",
  ]),
  /** The most recent verdict and action per service: the dashboard's run table. */
  latestRunPerService: new LogsInsightsQuery([
    ...eachServiceOfEachRun,
    "stats latest(svc.verdict) as verdict, latest(svc.action) as action, latest(svc.reason) as reason, " +
      "latest(secretName) as secret, latest(versionId) as version, max(@timestamp) as lastRun by svc.cluster, svc.service",
    "sort lastRun desc",
    "limit 200",
  ]),
} as const;

/** Saves the operator queries in the Logs Insights console, scoped to the verifier's log group. */
export function createQueryDefinitions(scope: Construct, logGroup: ILogGroup): QueryDefinition[] {
  const define = (id: string, name: string, queryString: QueryString): QueryDefinition =>
    new QueryDefinition(scope, id, { queryDefinitionName: name, queryString, logGroups: [logGroup] });
  return [
    define(
      "LaggingTasksQuery",
      "ecs-rollout-verifier/which tasks lagged for a rotation",
      VerifierQuery.laggingTasks,
    ),
    define(
      "ForcedDeploymentsQuery",
      "ecs-rollout-verifier/every forced deployment",
      VerifierQuery.forcedDeployments,
    ),
    define(
      "LatestRunQuery",
      "ecs-rollout-verifier/latest run per service",
      VerifierQuery.latestRunPerService,
    ),
  ];
}
