import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { type ContextLookup, ContextSource, lookupIn } from "../../lib/context/context-entry.js";
import { readStackContext } from "../../lib/read-stack-context.js";
import { RolloutVerifierStack } from "../../lib/rollout-verifier-stack.js";
import { appWithoutBundling, secretArn } from "./verifier-test-stack.js";

const base: Record<string, unknown> = {
  account: "123456789012",
  region: "eu-west-1",
  vpc: "vpc-0123456789abcdef0",
  vpcSubnets: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
  secrets: [{ arn: secretArn }],
};
const secondSecret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/billing/jwt-AbCdEf";
const keyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** The template `cdk synth` would produce from these context values (bundling skipped). */
function synth(lookup: ContextLookup): Record<string, unknown> {
  const context = readStackContext(lookup);
  const app = appWithoutBundling();
  const stack = new RolloutVerifierStack(app, "EcsRolloutVerifier", {
    env: { account: context.account, region: context.region },
    context,
  });
  return Template.fromStack(stack).toJSON();
}

const fromFile = (values: Record<string, unknown>) => synth(lookupIn({ ...base, ...values }, "cdk.json"));
const fromFlags = (flags: Record<string, string>) =>
  synth((key) =>
    key in flags
      ? { value: flags[key], source: ContextSource.commandLine }
      : lookupIn(base, ContextSource.cdkJson)(key),
  );

function policyDocuments(template: Record<string, unknown>): unknown[] {
  const resources = template.Resources as Record<
    string,
    { Type: string; Properties: { PolicyDocument: unknown } }
  >;
  return Object.values(resources)
    .filter((resource) => resource.Type === "AWS::IAM::Policy")
    .map((resource) => resource.Properties.PolicyDocument);
}

describe("the stack from context", { timeout: 120_000 }, () => {
  it("grants identical policies whether clusters are given by name or by ARN", () => {
    const byName = fromFile({ clusters: ["orders-prod", "billing-prod"] });
    const byArn = fromFile({
      clusters: [
        "arn:aws:ecs:eu-west-1:123456789012:cluster/orders-prod",
        "arn:aws:ecs:eu-west-1:123456789012:cluster/billing-prod",
      ],
    });
    expect(policyDocuments(byArn)).toEqual(policyDocuments(byName));
    expect(JSON.stringify(policyDocuments(byArn))).not.toContain("cluster/arn:");
    expect(byArn).toEqual(byName);
  });

  it("builds identical stacks from JSON arrays and comma lists, on the command line or in cdk.json", () => {
    const inFile = fromFile({
      clusters: ["orders-prod", "billing-prod"],
      secrets: [{ arn: secretArn }, { arn: secondSecret }],
      taskSecurityGroups: ["sg-0123456789abcdef0"],
    });
    const jsonFlags = fromFlags({
      clusters: '["orders-prod","billing-prod"]',
      secrets: JSON.stringify([{ arn: secretArn }, secondSecret]),
      taskSecurityGroups: '["sg-0123456789abcdef0"]',
    });
    const commaFlags = fromFlags({
      clusters: "orders-prod,billing-prod",
      secrets: `${secretArn},${secondSecret}`,
      taskSecurityGroups: "sg-0123456789abcdef0",
    });
    expect(jsonFlags).toEqual(inFile);
    expect(commaFlags).toEqual(inFile);
  });

  it("builds the same stack from a one-element JSON array as from the bare name", () => {
    expect(fromFlags({ clusters: '["orders-prod"]' })).toEqual(fromFlags({ clusters: "orders-prod" }));
  });

  it("grants kms:Decrypt on the key ARN given with a secret", () => {
    const template = fromFile({ secrets: [{ arn: secretArn, kmsKeyArn: keyArn }] });
    expect(JSON.stringify(policyDocuments(template))).toContain(keyArn.replace("arn:aws:", ":"));
  });
});
