import type { ContainerDefinition, TaskDefinition } from "@aws-sdk/client-ecs";
import type { AwsLogsOptions, SecretReference, TaskDefinitionSnapshot } from "../../core/snapshots.js";
import { required } from "../aws/aws-responses.js";

/**
 * A task definition reduced to its containers' ports and every place a container can take a
 * secret from: `secrets[]`, `logConfiguration.secretOptions[]` and
 * `repositoryCredentials.credentialsParameter`. Matching them to the watched secret is the core's job.
 */
export function toTaskDefinitionSnapshot(
  definition: TaskDefinition,
  requested: string,
): TaskDefinitionSnapshot {
  const arn = required(
    definition.taskDefinitionArn,
    "taskDefinitionArn",
    "DescribeTaskDefinition",
    requested,
  );
  const containers = definition.containerDefinitions ?? [];
  return {
    arn,
    family: required(definition.family, "family", "DescribeTaskDefinition", arn),
    revision: required(definition.revision, "revision", "DescribeTaskDefinition", arn),
    ...(definition.networkMode === undefined ? {} : { networkMode: definition.networkMode }),
    containers: containers.map((container) => ({
      name: container.name ?? "",
      portMappings: (container.portMappings ?? []).flatMap((mapping) =>
        mapping.containerPort === undefined
          ? []
          : [
              mapping.hostPort === undefined
                ? { containerPort: mapping.containerPort }
                : { containerPort: mapping.containerPort, hostPort: mapping.hostPort },
            ],
      ),
      ...awsLogsOf(container),
    })),
    secretReferences: containers.flatMap(secretReferencesOf),
  };
}

function secretReferencesOf(container: ContainerDefinition): SecretReference[] {
  const name = container.name ?? "";
  const references: SecretReference[] = [];
  for (const secret of container.secrets ?? []) {
    if (secret.valueFrom !== undefined)
      references.push({
        container: name,
        source: "secrets",
        name: secret.name ?? "",
        valueFrom: secret.valueFrom,
      });
  }
  for (const option of container.logConfiguration?.secretOptions ?? []) {
    if (option.valueFrom !== undefined)
      references.push({
        container: name,
        source: "logConfiguration",
        name: option.name ?? "",
        valueFrom: option.valueFrom,
      });
  }
  const credentials = container.repositoryCredentials?.credentialsParameter;
  if (credentials !== undefined)
    references.push({ container: name, source: "repositoryCredentials", valueFrom: credentials });
  return references;
}

/** The `awslogs` options that name a container's log stream, when it logs with that driver. */
function awsLogsOf(container: ContainerDefinition): { awsLogs?: AwsLogsOptions } {
  const configuration = container.logConfiguration;
  const group = configuration?.options?.["awslogs-group"];
  if (configuration?.logDriver !== "awslogs" || !group) return {};
  const streamPrefix = configuration.options?.["awslogs-stream-prefix"];
  const region = configuration.options?.["awslogs-region"];
  return {
    awsLogs: { group, ...(streamPrefix ? { streamPrefix } : {}), ...(region ? { region } : {}) },
  };
}
