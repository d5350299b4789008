import type { CallLogEntry } from "../../../fleet/server-call-log.js";
import type { AuthorizationRequest } from "./evaluate-policy.js";
import type { Place } from "./resolve-role-policy.js";

/** The JSON protocol's X-Amz-Target prefix -> the IAM service prefix of the same service. */
export const iamPrefixByTarget: Readonly<Record<string, string>> = {
  AmazonEC2ContainerServiceV20141113: "ecs",
  secretsmanager: "secretsmanager",
  "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101": "cloudtrail",
  CloudTrail_20131101: "cloudtrail",
};

/** The SDK package's client name -> the IAM service prefix, for the calls found in the source. */
export const iamPrefixByClient: Readonly<Record<string, string>> = {
  ecs: "ecs",
  "secrets-manager": "secretsmanager",
  ec2: "ec2",
  cloudtrail: "cloudtrail",
};

type Input = Readonly<Record<string, unknown>>;
type ResourcesOf = (
  input: Input,
  arn: ArnBuilder,
) => { resources: string[]; keys?: Record<string, string[]> };

interface ArnBuilder {
  cluster(nameOrArn: unknown): string;
  child(kind: "service" | "task" | "container-instance", cluster: unknown, nameOrArn: unknown): string;
}

/**
 * For each operation the handler calls, the resources IAM authorizes it on and the condition keys
 * the request carries (Service Authorization Reference, "Actions defined by ..."): the test evaluates
 * the synthesized policy against exactly these. An operation missing here fails the test by name.
 */
export const resourcesByAction: Readonly<Record<string, ResourcesOf>> = {
  "secretsmanager:DescribeSecret": (input) => ({ resources: [String(input.SecretId)] }),
  "secretsmanager:GetSecretValue": (input) => ({ resources: [String(input.SecretId)] }),
  "ecs:ListClusters": () => ({ resources: ["*"] }),
  "ecs:ListServices": (input, arn) => ({
    resources: ["*"],
    keys: { "ecs:cluster": [arn.cluster(input.cluster)] },
  }),
  "ecs:ListTasks": (input, arn) => ({
    resources: ["*"],
    keys: { "ecs:cluster": [arn.cluster(input.cluster)] },
  }),
  "ecs:DescribeServices": (input, arn) => ({
    resources: (input.services as unknown[]).map((service) => arn.child("service", input.cluster, service)),
  }),
  "ecs:DescribeTasks": (input, arn) => ({
    resources: (input.tasks as unknown[]).map((task) => arn.child("task", input.cluster, task)),
  }),
  "ecs:DescribeTaskDefinition": () => ({ resources: ["*"] }),
  "ecs:DescribeServiceRevisions": (input) => ({
    resources: (input.serviceRevisionArns as string[]).map(String),
  }),
  "ecs:UpdateService": (input, arn) => ({ resources: [arn.child("service", input.cluster, input.service)] }),
  "ecs:DescribeContainerInstances": (input, arn) => ({
    resources: (input.containerInstances as unknown[]).map((id) =>
      arn.child("container-instance", input.cluster, id),
    ),
  }),
  "ec2:DescribeInstances": () => ({ resources: ["*"] }),
  "cloudtrail:LookupEvents": () => ({ resources: ["*"] }),
};

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
  const requests = resources.map((resource) => ({
    action,
    resource,
    keys: {
      ...keys,
      "lambda:SourceFunctionArn": [`arn:aws:lambda:${place.region}:${place.account}:function:verifier`],
      ...resourceTags(action, resource, tagsOf),
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
  };
}
