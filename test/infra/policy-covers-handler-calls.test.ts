import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Template } from "aws-cdk-lib/assertions";
import { Cluster } from "aws-cdk-lib/aws-ecs";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { beforeAll, describe, expect, it } from "vitest";
import { demoCluster } from "../../demo/demo-services.js";
import {
  checkCall,
  loadSarActions,
  type SarActions,
  uncoveredResourceTypes,
  unsupportedConditionKeys,
} from "./iam/check-against-sar.js";
import { evaluatePolicy } from "./iam/evaluate-policy.js";
import { requestsForCall } from "./iam/map-call-to-requests.js";
import { type Place, type ResolvedStatement, resolveRolePolicy } from "./iam/resolve-role-policy.js";
import { type HandlerScenarioRun, runHandlerScenario } from "./iam/run-handler-scenario.js";
import { sdkActionsInSource } from "./iam/sdk-calls-in-source.js";
import { buildVerifierStack, env, widerProps } from "./verifier-test-stack.js";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const place: Place = env;

/** What Lambda itself does with the role, never the verifier's code: each named, with why. */
const platformNeeds: Readonly<Record<string, string>> = {
  "logs:CreateLogStream": "Lambda writes the function's logs to its own log group",
  "logs:PutLogEvents": "Lambda writes the function's logs to its own log group",
  "sqs:ReceiveMessage": "Lambda's SQS event source mapping polls the run queue",
  "sqs:DeleteMessage": "Lambda's SQS event source mapping deletes a message once its run succeeded",
  "sqs:GetQueueAttributes": "Lambda's SQS event source mapping reads the run queue's attributes",
  "ec2:CreateNetworkInterface": "Lambda places the function in the VPC (denied to the code)",
  "ec2:DescribeNetworkInterfaces": "Lambda places the function in the VPC (denied to the code)",
  "ec2:DescribeSubnets": "Lambda places the function in the VPC (denied to the code)",
  "ec2:DeleteNetworkInterface": "Lambda places the function in the VPC (denied to the code)",
  "ec2:AssignPrivateIpAddresses": "Lambda places the function in the VPC (denied to the code)",
  "ec2:UnassignPrivateIpAddresses": "Lambda places the function in the VPC (denied to the code)",
};
/** Granted for a call another service makes on the function's behalf. */
const indirectNeeds: Readonly<Record<string, string>> = {
  "kms:Decrypt": "Secrets Manager decrypts a customer-managed-key secret for GetSecretValue (kms:ViaService)",
};
/**
 * Granted before the code that calls it lands. The test fails once the code calls it: then the
 * entry must go, and the call is held to the same checks as every other.
 */
const grantedAheadOfCode: Readonly<Record<string, string>> = {};
/** Called by the code, but not on the demo's rotation, deployment events and sweep. */
const notOnThisScenario: Readonly<Record<string, string>> = {
  "ecs:DescribeServiceRevisions": "only a deployment lifecycle hook (the gate) reads service revisions",
  "ecs:DescribeServiceDeployments":
    "only a deployment lifecycle hook (the gate) reads when its deployment started",
  "logs:GetLogEvents": "only a service tagged rollout-verifier:fingerprint-log has its tasks' logs read",
};

function allowedActions(statements: readonly ResolvedStatement[]): Set<string> {
  return new Set(statements.filter((s) => s.Effect === "Allow").flatMap((s) => s.Action));
}

/** The policy with every option on: all clusters, bridge networking, a KMS key, a partial ARN. */
function widestPolicy(): ResolvedStatement[] {
  const { stack } = buildVerifierStack((scope) => ({
    ...widerProps(scope),
    clusters: undefined,
    bridgeNetworking: true,
    taskLogGroups: ["/ecs/billing-worker"],
  }));
  return resolveRolePolicy(Template.fromStack(stack), place);
}

let run: HandlerScenarioRun;
let policy: ResolvedStatement[];
let widest: ResolvedStatement[];
let sar: SarActions;

beforeAll(async () => {
  widest = widestPolicy();
  sar = await loadSarActions([
    ...allowedActions(widest),
    ...widest.flatMap((statement) => statement.Action),
    ...sdkActionsInSource(projectRoot),
  ]);
  if (!existsSync(`${projectRoot}dist/handler.mjs`))
    throw new Error("dist/handler.mjs is missing: run `npm run build` first (npm test does)");
  run = await runHandlerScenario((secretArn) => {
    const { stack } = buildVerifierStack((scope) => ({
      secrets: [Secret.fromSecretCompleteArn(scope, "DemoSecret", secretArn)],
      clusters: [
        Cluster.fromClusterArn(
          scope,
          "DemoCluster",
          `arn:aws:ecs:${place.region}:${place.account}:cluster/${demoCluster}`,
        ),
      ],
    }));
    const template = Template.fromStack(stack);
    policy = resolveRolePolicy(template, place);
    const fn = Object.values(template.findResources("AWS::Lambda::Function"))[0];
    return { ...(fn?.Properties.Environment.Variables as Record<string, string>), VERIFIER_DRY_RUN: "false" };
  });
}, 240_000);

describe("the synthesized policy against every AWS call the handler makes", { timeout: 120_000 }, () => {
  it("covers the demo's rotation, the deployment events it raises, and a sweep", () => {
    expect([...run.triggerKinds]).toEqual(
      expect.arrayContaining(["secret-label-updated", "deployment-state-change", "sweep"]),
    );
    expect(run.calls.map((call) => call.operation)).toContain("UpdateService");
  });

  it("allows each call on an ARN of every resource type the SAR requires, with the request's condition keys", () => {
    const refused = run.calls.flatMap((call) => {
      const { action, requests } = requestsForCall(call, place, (arn) => run.tags.get(arn) ?? {});
      return checkCall(sar, policy, action, requests);
    });
    expect(refused).toEqual([]);
  });

  it("allows the gate's calls on a watched service, on both resource types the SAR requires", () => {
    const base = `arn:aws:ecs:${place.region}:${place.account}`;
    const gateCalls = [
      [
        "DescribeServiceRevisions",
        { serviceRevisionArns: [`${base}:service-revision/${demoCluster}/api/1`] },
      ],
      [
        "DescribeServiceDeployments",
        { serviceDeploymentArns: [`${base}:service-deployment/${demoCluster}/api/d1`] },
      ],
    ] as const;
    const refused = gateCalls.flatMap(([operation, input]) => {
      const entry = {
        service: "AmazonEC2ContainerServiceV20141113",
        operation,
        input,
        at: 0,
        status: 200,
        userAgent: "",
      };
      const { action, requests } = requestsForCall(entry, place, () => ({}));
      expect(requests.map((request) => request.resourceType)).toHaveLength(2);
      return checkCall(sar, policy, action, requests);
    });
    expect(refused).toEqual([]);
  });

  it("covers every resource type the SAR requires for each ECS action in the source, default and widest", () => {
    const ecsActions = [...sdkActionsInSource(projectRoot)].filter((action) => action.startsWith("ecs:"));
    const granted = ecsActions.filter((action) => allowedActions(policy).has(action));
    expect(granted).toContain("ecs:DescribeServiceRevisions");
    expect(uncoveredResourceTypes(sar, policy, granted, place, [demoCluster])).toEqual([]);
    expect(uncoveredResourceTypes(sar, widest, ecsActions, place, [demoCluster, "any-cluster"])).toEqual([]);
  });

  it("uses no condition key an action does not support (the SAR's keys, or global ones)", () => {
    expect(unsupportedConditionKeys(sar, policy)).toEqual([]);
    expect(unsupportedConditionKeys(sar, widest)).toEqual([]);
  });

  it("grants no action outside the calls made, the platform's needs and the named exceptions", () => {
    const called = new Set(run.calls.map((call) => requestsForCall(call, place, () => ({})).action));
    const explained = new Set([
      ...called,
      ...Object.keys(platformNeeds),
      ...Object.keys(grantedAheadOfCode),
      ...Object.keys(notOnThisScenario),
    ]);
    expect([...allowedActions(policy)].filter((action) => !explained.has(action)).sort()).toEqual([]);
    expect([...called].filter((action) => !allowedActions(policy).has(action))).toEqual([]);
  });

  it("grants every AWS call in the function's source, with every option on", () => {
    const widestActions = allowedActions(widest);
    const inSource = sdkActionsInSource(projectRoot);
    expect([...inSource].filter((action) => !widestActions.has(action)).sort()).toEqual([]);
    const explained = new Set([
      ...inSource,
      ...Object.keys(platformNeeds),
      ...Object.keys(indirectNeeds),
      ...Object.keys(grantedAheadOfCode),
    ]);
    expect([...widestActions].filter((action) => !explained.has(action)).sort()).toEqual([]);
    expect(Object.keys(grantedAheadOfCode).filter((action) => inSource.has(action))).toEqual([]);
    expect(Object.keys(notOnThisScenario).filter((action) => !inSource.has(action))).toEqual([]);
  });

  it("denies the network-interface actions to every call the code makes", () => {
    const decision = evaluatePolicy(policy, {
      action: "ec2:CreateNetworkInterface",
      resource: "*",
      keys: { "lambda:SourceFunctionArn": ["arn:aws:lambda:eu-west-1:123456789012:function:verifier"] },
    });
    expect(decision).toMatchObject({ allowed: false, reason: expect.stringContaining("explicitly denied") });
    expect(
      evaluatePolicy(policy, { action: "ec2:CreateNetworkInterface", resource: "*", keys: {} }),
    ).toMatchObject({
      allowed: true,
    });
  });
});
