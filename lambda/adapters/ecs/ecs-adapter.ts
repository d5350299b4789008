import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  type Failure,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { chunk, mapConcurrent } from "../../core/map-concurrent.js";
import type { EcsPort } from "../../core/ports.js";
import { type AwsCaller, createAwsCaller } from "../aws/aws-call.js";
import { collectPages, required } from "../aws/aws-responses.js";
import { type Ec2ClientSource, resolveContainerInstanceHosts } from "./ecs-container-hosts.js";
import { handleFailures, keepActive, type SkippedResource } from "./ecs-failures.js";
import { toServiceSnapshot } from "./ecs-service-mapper.js";
import { toTaskDefinitionSnapshot } from "./ecs-task-definition-mapper.js";
import { toTaskSnapshot } from "./ecs-task-mapper.js";

/** API batch and page limits (ECS service model). */
export const EcsLimits = { describeServices: 10, describeTasks: 100, pageSize: 100 } as const;

/** Re-exported: callers typing their `onSkipped` handler import it with the adapter. */
export type { SkippedResource } from "./ecs-failures.js";

export interface EcsAdapterOptions {
  /** @default a client from the SDK's standard configuration */
  readonly ecs?: ECSClient;
  /** Needed only for bridge/host tasks: a client or a loader. @default a client from the SDK's standard configuration */
  readonly ec2?: Ec2ClientSource;
  /** Times and retries every call (shared with the other adapters, so throttling slows all of them). @default a caller without a run budget */
  readonly call?: AwsCaller;
  /** Concurrent batch calls per operation. @default 4 */
  readonly concurrency?: number;
  /** Told about every skipped resource, so the caller can log it. @default ignore */
  readonly onSkipped?: (skipped: SkippedResource) => void;
}

/**
 * ECS behind `EcsPort`: paging, batch sizes and concurrency live here, not in the engine.
 * Decision on `failures[]`: reason `MISSING` (a service deleted or a task gone between the List and
 * the Describe call) is skipped and reported through `onSkipped`, because there is nothing left to
 * verify; any other reason is an `AwsCallError`, because silently dropping it could hide a stale task.
 * Services that DescribeServices reports INACTIVE (deleted) are skipped the same way.
 */
export function createEcsAdapter(options: EcsAdapterOptions = {}): EcsPort {
  const ecs = options.ecs ?? new ECSClient({});
  const concurrency = options.concurrency ?? 4;
  const callAws = options.call ?? createAwsCaller();
  const onSkipped = options.onSkipped ?? (() => undefined);
  const checkFailures = (operation: string, failures: readonly Failure[] | undefined) =>
    handleFailures(operation, failures ?? [], onSkipped);
  return {
    listClusters: () =>
      collectPages(
        async (nextToken) => {
          const input = { maxResults: EcsLimits.pageSize, nextToken };
          const page = await callAws("ListClusters", "account", (abortSignal) =>
            ecs.send(new ListClustersCommand(input), { abortSignal }),
          );
          return { items: page.clusterArns, nextToken: page.nextToken };
        },
        "ListClusters",
        "account",
      ),
    listServices: (cluster) =>
      collectPages(
        async (nextToken) => {
          const input = { cluster, maxResults: EcsLimits.pageSize, nextToken };
          const page = await callAws("ListServices", cluster, (abortSignal) =>
            ecs.send(new ListServicesCommand(input), { abortSignal }),
          );
          return { items: page.serviceArns, nextToken: page.nextToken };
        },
        "ListServices",
        cluster,
      ),
    async describeServices(cluster, services) {
      const pages = await mapConcurrent(chunk(services, EcsLimits.describeServices), concurrency, (batch) =>
        callAws("DescribeServices", `${cluster}: ${batch.join(", ")}`, (abortSignal) =>
          ecs.send(new DescribeServicesCommand({ cluster, services: batch, include: ["TAGS"] }), {
            abortSignal,
          }),
        ),
      );
      for (const page of pages) checkFailures("DescribeServices", page.failures);
      return pages
        .flatMap((page) => page.services ?? [])
        .filter((service) => keepActive(service.status, service.serviceArn, onSkipped))
        .map((service) => toServiceSnapshot(service, cluster));
    },
    async describeTaskDefinition(taskDefinitionArn) {
      const output = await callAws("DescribeTaskDefinition", taskDefinitionArn, (abortSignal) =>
        ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinitionArn }), { abortSignal }),
      );
      const definition = required(
        output.taskDefinition,
        "taskDefinition",
        "DescribeTaskDefinition",
        taskDefinitionArn,
      );
      return toTaskDefinitionSnapshot(definition, taskDefinitionArn);
    },
    listTasks: (cluster, filter) =>
      collectPages(
        async (nextToken) => {
          const input = {
            cluster,
            ...filter,
            desiredStatus: "RUNNING" as const,
            maxResults: EcsLimits.pageSize,
            nextToken,
          };
          const resource = `${cluster} ${JSON.stringify(filter)}`;
          const page = await callAws("ListTasks", resource, (abortSignal) =>
            ecs.send(new ListTasksCommand(input), { abortSignal }),
          );
          return { items: page.taskArns, nextToken: page.nextToken };
        },
        "ListTasks",
        `${cluster} ${JSON.stringify(filter)}`,
      ),
    async describeTasks(cluster, taskArns) {
      const pages = await mapConcurrent(chunk(taskArns, EcsLimits.describeTasks), concurrency, (batch) =>
        callAws("DescribeTasks", `${cluster}: ${batch.length} tasks`, (abortSignal) =>
          ecs.send(new DescribeTasksCommand({ cluster, tasks: batch }), { abortSignal }),
        ),
      );
      for (const page of pages) checkFailures("DescribeTasks", page.failures);
      return pages.flatMap((page) => page.tasks ?? []).map((task) => toTaskSnapshot(task, cluster));
    },
    resolveContainerInstanceHosts: (cluster, containerInstanceArns) =>
      resolveContainerInstanceHosts(
        { ecs, ec2: options.ec2, concurrency, call: callAws, checkFailures },
        cluster,
        containerInstanceArns,
      ),
    async forceNewDeployment(cluster, service) {
      const output = await callAws(
        "UpdateService",
        `${cluster}/${service}`,
        (abortSignal) =>
          ecs.send(new UpdateServiceCommand({ cluster, service, forceNewDeployment: true }), { abortSignal }),
        "throttling",
      );
      const primary = output.service?.deployments?.find((deployment) => deployment.status === "PRIMARY");
      return {
        deploymentId: required(primary?.id, "a PRIMARY deployment", "UpdateService", `${cluster}/${service}`),
      };
    },
  };
}
