import { loadAwsFixture } from "./core/aws-fixtures.js";

/**
 * The shared fixture scenario as AWS API responses, by operation name, in the JSON wire format
 * (epoch-second timestamps). The bundle test serves these over a loopback JSON 1.1 stub; the
 * handler test hands them to aws-sdk-client-mock after `withSdkDates`.
 */
type Json = Record<string, unknown>;

export const scenarioSecretString = JSON.stringify({
  signingKey: "scenario-hs256-key-never-log-me-0123456789",
});
export const forcedDeploymentId = "ecs-svc/9000000000000000001";
const clusterArn = "arn:aws:ecs:eu-west-1:123456789012:cluster/orders-prod";

function tasks(): Json[] {
  return [
    ...(loadAwsFixture("ecs/describe-tasks-fargate.json").tasks as Json[]),
    ...(loadAwsFixture("ecs/describe-tasks-ec2-bridge.json").tasks as Json[]),
  ];
}

function services(): Json[] {
  return loadAwsFixture("ecs/describe-services.json").services as Json[];
}

/** orders-worker:16/17 have no fixture: the api definition re-labelled, on a bridge network. */
function taskDefinition(requested: string): Json {
  const response = loadAwsFixture("ecs/describe-task-definition.json");
  const definition = response.taskDefinition as Json;
  const revision = /orders-worker:(\d+)$/.exec(requested)?.[1];
  if (!revision) return response;
  return {
    taskDefinition: {
      ...definition,
      taskDefinitionArn: `arn:aws:ecs:eu-west-1:123456789012:task-definition/orders-worker:${revision}`,
      family: "orders-worker",
      revision: Number(revision),
      networkMode: "bridge",
    },
  };
}

/** Answers one operation of the scenario; unknown operations throw so a test sees the surprise. */
export function scenarioResponse(operation: string, input: Json): Json {
  const named = (list: unknown, key: string) => (item: Json) =>
    (list as string[]).some((wanted) => item[key] === wanted || String(item[key]).endsWith(`/${wanted}`));
  switch (operation) {
    case "ListClusters":
      return { clusterArns: [clusterArn] };
    case "ListServices":
      return { serviceArns: services().map((service) => service.serviceArn) };
    case "DescribeServices":
      return { services: services().filter(named(input.services, "serviceArn")), failures: [] };
    case "DescribeTaskDefinition":
      return taskDefinition(String(input.taskDefinition));
    case "ListTasks": {
      const group = input.serviceName ? `service:${input.serviceName}` : undefined;
      return {
        taskArns: tasks()
          .filter((t) => !group || t.group === group)
          .map((t) => t.taskArn),
      };
    }
    case "DescribeTasks":
      return { tasks: tasks().filter(named(input.tasks, "taskArn")), failures: [] };
    case "UpdateService":
      return {
        service: { serviceName: input.service, deployments: [{ id: forcedDeploymentId, status: "PRIMARY" }] },
      };
    case "DescribeSecret":
      return loadAwsFixture("secretsmanager/describe-secret.json");
    case "GetSecretValue":
      return {
        ARN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/jwt-signing-key-Xy9Zab",
        Name: "prod/orders/jwt-signing-key",
        VersionId: "c0b1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e",
        SecretString: scenarioSecretString,
        VersionStages: ["AWSCURRENT", "AWSPENDING"],
        CreatedDate: 1748747647.412,
      };
    default:
      throw new Error(`the scenario stub does not answer ${operation}`);
  }
}

/** Turns wire timestamps (epoch seconds under `...At`/`...Date` keys) into the Dates the SDK would return. */
export function withSdkDates<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withSdkDates) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      typeof item === "number" && /(At|Date)$/.test(key) ? new Date(item * 1000) : withSdkDates(item),
    ]),
  ) as T;
}
