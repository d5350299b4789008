import type { OperationHandler } from "../contracts.js";
import { readPaging } from "./cluster-operations.js";
import { compact } from "./compact.js";
import type { DeploymentRecord, ServiceDeploymentStatus } from "./deployment-state.js";
import type { EcsContext } from "./ecs-context.js";
import { invalidParameter, serviceDeploymentNotFound } from "./ecs-errors.js";
import { optionalObject, optionalString, optionalStringList, requiredString } from "./ecs-input.js";
import type { ServiceRecord } from "./ecs-state.js";
import { findCluster, findService } from "./find-resources.js";
import { paginate } from "./paginate.js";
import { renderServiceDeployment, renderServiceDeploymentBrief } from "./render-service-deployment.js";
import { renderServiceRevision } from "./service-revisions.js";

/**
 * DescribeServiceDeployments and DescribeServiceRevisions (at most 20 ARNs, unknown ones as
 * `failures` MISSING), ListServiceDeployments (newest first, `status` and `createdAt` filters,
 * 20 per page by default) and ContinueServiceDeployment (answers a PAUSE hook).
 */
export function serviceDeploymentOperations(ctx: EcsContext): Record<string, OperationHandler> {
  const { state } = ctx;
  return {
    DescribeServiceDeployments(input) {
      const arns = arnList(input, "serviceDeploymentArns");
      const serviceDeployments: unknown[] = [];
      const failures: unknown[] = [];
      for (const arn of arns) {
        const found = findDeployment(ctx, arn);
        if (found) serviceDeployments.push(renderServiceDeployment(ctx, found.service, found.deployment));
        else failures.push({ arn, reason: "MISSING" });
      }
      return { serviceDeployments, failures };
    },
    ListServiceDeployments(input) {
      const cluster = findCluster(state, optionalString(input, "cluster"));
      const service = findService(state, cluster, requiredString(input, "service"));
      const statuses = optionalStringList(input, "status") as ServiceDeploymentStatus[] | undefined;
      const window = optionalObject(input, "createdAt") ?? {};
      const after = typeof window.after === "number" ? window.after * 1000 : Number.NEGATIVE_INFINITY;
      const before = typeof window.before === "number" ? window.before * 1000 : Number.POSITIVE_INFINITY;
      const briefs = [...service.history]
        .filter((deployment) => deployment.rollbackOf === undefined)
        .filter(
          (deployment) => statuses === undefined || statuses.includes(deployment.serviceDeploymentStatus),
        )
        .filter((deployment) => deployment.createdAt >= after && deployment.createdAt <= before)
        .reverse()
        .map((deployment) => renderServiceDeploymentBrief(service, deployment));
      const page = paginate(briefs, readPaging(input), { defaultMax: 20, max: 100 });
      return compact({ serviceDeployments: page.items, nextToken: page.nextToken });
    },
    DescribeServiceRevisions(input) {
      const arns = arnList(input, "serviceRevisionArns");
      const serviceRevisions: unknown[] = [];
      const failures: unknown[] = [];
      for (const arn of arns) {
        const revision = state.serviceRevisions.get(arn);
        if (revision) serviceRevisions.push(renderServiceRevision(revision));
        else failures.push({ arn, reason: "MISSING" });
      }
      return { serviceRevisions, failures };
    },
    ContinueServiceDeployment(input) {
      const arn = requiredString(input, "serviceDeploymentArn");
      const hookId = requiredString(input, "hookId");
      const action = optionalString(input, "action") ?? "CONTINUE";
      if (action !== "CONTINUE" && action !== "ROLLBACK")
        throw invalidParameter("action must be CONTINUE or ROLLBACK.");
      const found = findDeployment(ctx, arn);
      if (!found) throw serviceDeploymentNotFound();
      const execution = found.deployment.hookExecutions.find((candidate) => candidate.hookId === hookId);
      if (execution?.status !== "AWAITING_ACTION" || execution.decision !== undefined)
        throw invalidParameter(`No paused lifecycle hook ${hookId} awaits an action in this deployment.`);
      execution.decision = action;
      return { serviceDeploymentArn: arn };
    },
  };
}

function arnList(input: Record<string, unknown>, key: string): string[] {
  const arns = optionalStringList(input, key) ?? [];
  if (arns.length === 0) throw invalidParameter(`${key} cannot be empty.`);
  if (arns.length > 20) throw invalidParameter(`${key} can have at most 20 items.`);
  return arns;
}

function findDeployment(
  ctx: EcsContext,
  arn: string,
): { service: ServiceRecord; deployment: DeploymentRecord } | undefined {
  for (const service of ctx.state.services.values()) {
    const deployment = service.history.find((candidate) => candidate.serviceDeploymentArn === arn);
    if (deployment) return { service, deployment };
  }
  return undefined;
}
