import type { CallLogEntry } from "../../../fleet/server-call-log.js";
import type { AuthorizationRequest } from "./evaluate-policy.js";
import type { Place } from "./resolve-role-policy.js";

/** The JSON protocol's X-Amz-Target prefix -> the IAM service prefix of the same service. */
export const iamPrefixByTarget: Readonly<Record<string, string>> = {
  AmazonEC2ContainerServiceV20141113: "ecs",
  secretsmanager: "secretsmanager",
  "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101": "cloudtrail",
  CloudTrail_20131101: "cloudtrail",
  Logs_20140328: "logs",
};

/** The SDK package's client name -> the IAM service prefix, for the calls found in the source. */
export const iamPrefixByClient: Readonly<Record<string, string>> = {
  ecs: "ecs",
  "secrets-manager": "secretsmanager",
  ec2: "ec2",
  cloudtrail: "cloudtrail",
  "cloudwatch-logs": "logs",
};

type Input = Readonly<Record<string, unknown>>;

/**
 * One resource a request is authorized on, with its Service Authorization Reference resource type
 * (`service`, `Secret`...), or `*` for an action that supports no resource type (wildcard-only).
 */
export interface TypedResource {
  readonly type: string;
  readonly arn: string;
}

type ResourcesOf = (
  input: Input,
  arn: ArnBuilder,
) => { resources: TypedResource[]; keys?: Record<string, string[]> };

interface ArnBuilder {
  cluster(nameOrArn: unknown): string;
  child(kind: "service" | "task" | "container-instance", cluster: unknown, nameOrArn: unknown): string;
  logStream(group: unknown, stream: unknown): string;
}

const wildcard: TypedResource = { type: "*", arn: "*" };

/**
 * For each operation the handler calls, the resources IAM authorizes it on, one per required
 * resource type of the Service Authorization Reference, and the condition keys the request carries.
 * The test evaluates the synthesized policy against exactly these, and `check-against-sar.ts` fails
 * when a required resource type is missing here. An operation missing here fails the test by name.
 */
export const resourcesByAction: Readonly<Record<string, ResourcesOf>> = {
  "secretsmanager:DescribeSecret": (input) => ({ resources: [secret(input.SecretId)] }),
  "secretsmanager:GetSecretValue": (input) => ({ resources: [secret(input.SecretId)] }),
  "ecs:ListClusters": () => ({ resources: [wildcard] }),
  // The SAR's only resource type for GetLogEvents is the stream; the place is the function's own.
  "logs:GetLogEvents": (input, arn) => ({
    resources: [{ type: "log-stream", arn: arn.logStream(input.logGroupName, input.logStreamName) }],
  }),
  "ecs:ListServices": (input, arn) => ({
    resources: [wildcard],
    keys: { "ecs:cluster": [arn.cluster(input.cluster)] },
  }),
  // The SAR requires `container-instance`; a call filtered by service names none, so it is modelled
  // as every container instance of the cluster (assumed: docs/aws-contracts.md, IAM).
  "ecs:ListTasks": (input, arn) => ({
    resources: [
      {
        type: "container-instance",
        arn: arn.child("container-instance", input.cluster, input.containerInstance ?? "*"),
      },
    ],
    keys: { "ecs:cluster": [arn.cluster(input.cluster)] },
  }),
  "ecs:DescribeServices": (input, arn) => ({
    resources: (input.services as unknown[]).map((service) => ({
      type: "service",
      arn: arn.child("service", input.cluster, service),
    })),
  }),
  "ecs:DescribeTasks": (input, arn) => ({
    resources: (input.tasks as unknown[]).map((task) => ({
      type: "task",
      arn: arn.child("task", input.cluster, task),
    })),
  }),
  "ecs:DescribeTaskDefinition": () => ({ resources: [wildcard] }),
  "ecs:DescribeServiceRevisions": (input) => ({
    resources: (input.serviceRevisionArns as unknown[]).flatMap((revision) =>
      withServiceOf(String(revision), "service-revision"),
    ),
  }),
  "ecs:DescribeServiceDeployments": (input) => ({
    resources: (input.serviceDeploymentArns as unknown[]).flatMap((deployment) =>
      withServiceOf(String(deployment), "service-deployment"),
    ),
  }),
  "ecs:UpdateService": (input, arn) => ({
    resources: [{ type: "service", arn: arn.child("service", input.cluster, input.service) }],
  }),
  "ecs:DescribeContainerInstances": (input, arn) => ({
    resources: (input.containerInstances as unknown[]).map((id) => ({
      type: "container-instance",
      arn: arn.child("container-instance", input.cluster, id),
    })),
  }),
  "ec2:DescribeInstances": () => ({ resources: [wildcard] }),
  "cloudtrail:LookupEvents": () => ({ resources: [wildcard] }),
};

function secret(id: unknown): TypedResource {
  return { type: "Secret", arn: String(id) };
}

/**
 * A service's child ARN (`service-revision/<cluster>/<service>/<id>`) and its service's ARN
 * (`service/<cluster>/<service>`): the SAR requires both resource types for the actions that read
 * revisions and deployments, so IAM authorizes the call on both.
 */
export function withServiceOf(
  childArn: string,
  type: "service-revision" | "service-deployment",
): TypedResource[] {
  const marker = `:${type}/`;
  const at = childArn.indexOf(marker);
  if (at === -1) throw new Error(`${childArn} is not a ${type} ARN`);
  const [cluster, service] = childArn.slice(at + marker.length).split("/");
  return [
    { type: "service", arn: `${childArn.slice(0, at)}:service/${cluster}/${service}` },
    { type, arn: childArn },
  ];
}

/**
 * The authorization requests one logged call makes. Every call comes from the function's code, so
 * each carries `lambda:SourceFunctionArn`; `tagsOf` gives a service's tags for `aws:ResourceTag/*`.
 */
export function requestsForCall(
  entry: CallLogEntry,
  place: Place,
  tagsOf: (serviceArn: string) => Readonly<Record<string, string>>,
): { action: string; requests: AuthorizationRequest[] } {
  const prefix = iamPrefixByTarget[entry.service];
  if (prefix === undefined)
    throw new Error(
      `the handler called ${entry.service}.${entry.operation}: add its IAM prefix to iamPrefixByTarget`,
    );
  const action = `${prefix}:${entry.operation}`;
  const resourcesOf = resourcesByAction[action];
  if (resourcesOf === undefined)
    throw new Error(
      `the handler calls ${action}, which test/infra/iam/map-call-to-requests.ts does not map to its IAM resources: add it there and grant it in lib/policy/`,
    );
  const { resources, keys = {} } = resourcesOf(entry.input, arnBuilder(place));
  const requests = resources.map(({ type, arn }) => ({
    action,
    resource: arn,
    resourceType: type,
    keys: {
      ...keys,
      "lambda:SourceFunctionArn": [`arn:aws:lambda:${place.region}:${place.account}:function:verifier`],
      ...resourceTags(action, arn, tagsOf),
    },
  }));
  return { action, requests };
}

function resourceTags(
  action: string,
  resource: string,
  tagsOf: (arn: string) => Readonly<Record<string, string>>,
) {
  if (action !== "ecs:UpdateService") return {};
  return Object.fromEntries(
    Object.entries(tagsOf(resource)).map(([key, value]) => [`aws:ResourceTag/${key}`, [value]]),
  );
}

function arnBuilder(place: Place): ArnBuilder {
  const base = `arn:aws:ecs:${place.region}:${place.account}`;
  const name = (value: unknown) =>
    String(value ?? "default")
      .split("/")
      .at(-1) as string;
  return {
    cluster: (value) =>
      String(value ?? "").startsWith("arn:") ? String(value) : `${base}:cluster/${name(value)}`,
    child: (kind, cluster, value) =>
      String(value).startsWith("arn:") ? String(value) : `${base}:${kind}/${name(cluster)}/${String(value)}`,
    logStream: (group, stream) =>
      `arn:aws:logs:${place.region}:${place.account}:log-group:${String(group)}:log-stream:${String(stream)}`,
  };
}
