import type { ILogGroup } from "aws-cdk-lib/aws-logs";
import { QueryDefinition, QueryString } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { ServiceAction, TaskVerdict } from "../lambda/core/report.js";

/**
 * Logs Insights queries over the run reports the function logs: one summary record per run and one
 * record per service and per non-current task, with the report model's field names (`secretName`,
 * `versionId`, `cluster`, `service`, `taskArn`, `verdict`, `action`, `reason`).
 */
export const VerifierQuery = {
  /** Tasks that did not hold AWSCURRENT, newest first; add `| filter versionId = "<id>"` for one rotation. */
  laggingTasks: new QueryString({
    fields: ["@timestamp", "secretName", "versionId", "cluster", "service", "taskArn", "verdict", "reason"],
    filterStatements: [
      "ispresent(taskArn)",
      `verdict in ["${TaskVerdict.Stale}", "${TaskVerdict.Pinned}", "${TaskVerdict.Unreachable}", "${TaskVerdict.Unknown}"]`,
    ],
    sort: "@timestamp desc",
    limit: 1000,
  }),
  /** Every UpdateService(forceNewDeployment) the verifier made, with the deployment id and why. */
  forcedDeployments: new QueryString({
    fields: ["@timestamp", "secretName", "versionId", "cluster", "service", "deploymentId", "reason"],
    filterStatements: [`action = "${ServiceAction.ForcedDeployment}"`],
    sort: "@timestamp desc",
    limit: 1000,
  }),
  /** The most recent verdict and action per service: the dashboard's run table. */
  latestRunPerService: new QueryString({
    filterStatements: ["ispresent(service)", "ispresent(action)"],
    statsStatements: [
      "latest(verdict) as lastVerdict, latest(action) as lastAction, latest(secretName) as secret, latest(versionId) as version, max(@timestamp) as lastRun by cluster, service",
    ],
    sort: "lastRun desc",
    limit: 200,
  }),
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
