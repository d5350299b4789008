import type { OperationHandler } from "../contracts.js";
import { checkExecutionRole } from "./check-execution-role.js";
import { checkFargateRequirements } from "./check-fargate-requirements.js";
import { readPaging } from "./cluster-operations.js";
import { compact } from "./compact.js";
import { taskDefinitionArn } from "./ecs-arns.js";
import type { EcsContext } from "./ecs-context.js";
import { clientError, invalidParameter } from "./ecs-errors.js";
import { includesTags, optionalString, optionalTags, requiredString } from "./ecs-input.js";
import type { TaskDefinitionRecord } from "./ecs-state.js";
import { findTaskDefinition } from "./find-resources.js";
import { paginate } from "./paginate.js";
import { renderTaskDefinition } from "./render-task-definition.js";

/** RegisterTaskDefinition input members that are also TaskDefinition members (everything but tags). */
const bodyMembers = [
  "family",
  "taskRoleArn",
  "executionRoleArn",
  "networkMode",
  "containerDefinitions",
  "volumes",
  "placementConstraints",
  "requiresCompatibilities",
  "cpu",
  "memory",
  "pidMode",
  "ipcMode",
  "proxyConfiguration",
  "inferenceAccelerators",
  "ephemeralStorage",
  "runtimePlatform",
  "enableFaultInjection",
] as const;

/** Register, Deregister, Describe (family, family:revision or ARN; TAGS) and List task definitions. */
export function taskDefinitionOperations(ctx: EcsContext): Record<string, OperationHandler> {
  const { state } = ctx;
  return {
    RegisterTaskDefinition(input) {
      const family = requiredString(input, "family");
      if (!/^[A-Za-z0-9_-]{1,255}$/.test(family)) throw invalidParameter("Invalid family name.");
      const containers = input.containerDefinitions;
      if (!Array.isArray(containers) || containers.length === 0) {
        throw clientError("Container list cannot be empty.");
      }
      checkFargateRequirements(input);
      checkExecutionRole(input);
      const revisions = state.taskDefinitions.get(family) ?? [];
      const revision = (revisions.at(-1)?.revision ?? 0) + 1;
      const body = Object.fromEntries(
        bodyMembers.filter((key) => input[key] !== undefined).map((key) => [key, input[key]]),
      );
      const definition: TaskDefinitionRecord = {
        arn: taskDefinitionArn(state.identity, family, revision),
        family,
        revision,
        status: "ACTIVE",
        registeredAt: ctx.now(),
        body: structuredClone(body),
      };
      state.taskDefinitions.set(family, [...revisions, definition]);
      const tags = optionalTags(input) ?? [];
      if (tags.length > 0) state.tags.set(definition.arn, tags);
      return { taskDefinition: renderTaskDefinition(definition), tags };
    },
    DeregisterTaskDefinition(input) {
      const ref = requiredString(input, "taskDefinition");
      if (!ref.includes(":"))
        throw invalidParameter("A revision is required to deregister a task definition.");
      const definition = findTaskDefinition(state, ref);
      if (definition.status === "ACTIVE") {
        definition.status = "INACTIVE";
        definition.deregisteredAt = ctx.now();
      }
      return { taskDefinition: renderTaskDefinition(definition) };
    },
    DescribeTaskDefinition(input) {
      const definition = findTaskDefinition(state, requiredString(input, "taskDefinition"));
      return compact({
        taskDefinition: renderTaskDefinition(definition),
        tags: includesTags(input) ? (state.tags.get(definition.arn) ?? []) : undefined,
      });
    },
    ListTaskDefinitions(input) {
      const prefix = optionalString(input, "familyPrefix");
      const status = optionalString(input, "status") ?? "ACTIVE";
      const descending = optionalString(input, "sort") === "DESC";
      const all = [...state.taskDefinitions.entries()]
        .filter(([family]) => prefix === undefined || family === prefix)
        .flatMap(([, revisions]) => revisions)
        .filter((definition) => status === "ALL" || definition.status === status)
        .sort((a, b) => (a.family < b.family ? -1 : a.family > b.family ? 1 : a.revision - b.revision))
        .map((definition) => definition.arn);
      if (descending) all.reverse();
      const page = paginate(all, readPaging(input), { defaultMax: 100, max: 100 });
      return compact({ taskDefinitionArns: page.items, nextToken: page.nextToken });
    },
  };
}
