import type { OperationHandler } from "../contracts.js";
import type { EcsContext } from "./ecs-context.js";
import { invalidParameter, resourceNotFound } from "./ecs-errors.js";
import { optionalStringList, optionalTags, requiredString } from "./ecs-input.js";

/** TagResource, UntagResource and ListTagsForResource on clusters, services, tasks and task definitions. */
export function tagOperations(ctx: EcsContext): Record<string, OperationHandler> {
  const { state } = ctx;
  const requireResource = (arn: string): void => {
    if (!resourceExists(ctx, arn)) throw resourceNotFound();
  };
  return {
    TagResource(input) {
      const arn = requiredString(input, "resourceArn");
      requireResource(arn);
      const added = optionalTags(input) ?? [];
      if (added.some((tag) => tag.key.startsWith("aws:")))
        throw invalidParameter("Tag keys cannot start with aws:.");
      const kept = (state.tags.get(arn) ?? []).filter((tag) => !added.some((next) => next.key === tag.key));
      state.tags.set(arn, [...kept, ...added]);
      return {};
    },
    UntagResource(input) {
      const arn = requiredString(input, "resourceArn");
      requireResource(arn);
      const keys = optionalStringList(input, "tagKeys") ?? [];
      state.tags.set(
        arn,
        (state.tags.get(arn) ?? []).filter((tag) => !keys.includes(tag.key)),
      );
      return {};
    },
    ListTagsForResource(input) {
      const arn = requiredString(input, "resourceArn");
      requireResource(arn);
      return { tags: state.tags.get(arn) ?? [] };
    },
  };
}

function resourceExists(ctx: EcsContext, arn: string): boolean {
  const { state } = ctx;
  if (state.services.has(arn) || state.tasks.has(arn)) return true;
  if ([...state.clusters.values()].some((cluster) => cluster.arn === arn)) return true;
  return [...state.taskDefinitions.values()].some((revisions) =>
    revisions.some((revision) => revision.arn === arn),
  );
}
