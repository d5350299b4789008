import type { OperationHandler } from "../contracts.js";
import { readPaging } from "./cluster-operations.js";
import { compact } from "./compact.js";
import { serviceArn } from "./ecs-arns.js";
import type { EcsContext } from "./ecs-context.js";
import { invalidParameter } from "./ecs-errors.js";
import { includesTags, optionalString, optionalStringList } from "./ecs-input.js";
import { findCluster, lookupService } from "./find-resources.js";
import { paginate } from "./paginate.js";
import { renderService } from "./render-service.js";

/** DescribeServices (at most 10, failures MISSING, TAGS) and ListServices (default page size 10). */
export function serviceReadOperations(ctx: EcsContext): Record<string, OperationHandler> {
  const { state } = ctx;
  return {
    DescribeServices(input) {
      const cluster = findCluster(state, optionalString(input, "cluster"));
      const refs = optionalStringList(input, "services") ?? [];
      if (refs.length === 0) throw invalidParameter("services cannot be empty.");
      if (refs.length > 10) throw invalidParameter("services can have at most 10 items.");
      const withTags = includesTags(input);
      const services: unknown[] = [];
      const failures: unknown[] = [];
      for (const ref of refs) {
        const service = lookupService(state, cluster, ref);
        if (service)
          services.push(renderService(service, withTags ? (state.tags.get(service.arn) ?? []) : undefined));
        else
          failures.push({
            arn: ref.startsWith("arn:") ? ref : serviceArn(state.identity, cluster.name, ref),
            reason: "MISSING",
          });
      }
      return { services, failures };
    },
    ListServices(input) {
      const cluster = findCluster(state, optionalString(input, "cluster"));
      const launchType = optionalString(input, "launchType");
      const arns = [...state.services.values()]
        .filter((service) => service.cluster === cluster && service.status !== "INACTIVE")
        .filter(
          (service) => launchType === undefined || (service.extras.launchType ?? "FARGATE") === launchType,
        )
        .map((service) => service.arn);
      const page = paginate(arns, readPaging(input), { defaultMax: 10, max: 100 });
      return compact({ serviceArns: page.items, nextToken: page.nextToken });
    },
  };
}
