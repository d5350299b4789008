import { describe, expect, it } from "vitest";
import { readStackContext } from "../../lib/read-stack-context.js";
import { secretArn } from "./verifier-test-stack.js";

const minimal: Record<string, unknown> = {
  account: "123456789012",
  region: "eu-west-1",
  vpcId: "vpc-0123456789abcdef0",
  subnetIds: ["subnet-0123456789abcdef0"],
  secrets: [{ arn: secretArn }],
};
const lookupIn = (values: Record<string, unknown>) => (key: string) => values[key];
function contextError(values: Record<string, unknown>): { code?: string; key?: string; message: string } {
  try {
    readStackContext(lookupIn(values));
  } catch (error) {
    return error as { code?: string; key?: string; message: string };
  }
  throw new Error("expected a context error");
}

describe("readStackContext", () => {
  it("reads the minimal context and leaves every optional key unset", () => {
    expect(readStackContext(lookupIn(minimal))).toEqual(minimal);
  });

  it("accepts comma-separated strings and string booleans from -c flags", () => {
    const context = readStackContext(
      lookupIn({
        ...minimal,
        subnetIds: "subnet-a, subnet-b",
        secrets: secretArn,
        clusterNames: "orders-prod,billing-prod",
        dryRun: "true",
        maxRedeploysPerRun: "3",
        probePorts: "32768-65535",
      }),
    );
    expect(context).toMatchObject({
      subnetIds: ["subnet-a", "subnet-b"],
      secrets: [{ arn: secretArn }],
      clusterNames: ["orders-prod", "billing-prod"],
      dryRun: true,
      maxRedeploysPerRun: 3,
      probePorts: "32768-65535",
    });
  });

  it("keeps a secret's customer-managed key", () => {
    const kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/abc";
    expect(
      readStackContext(lookupIn({ ...minimal, secrets: [{ arn: secretArn, kmsKeyArn }] })).secrets,
    ).toEqual([{ arn: secretArn, kmsKeyArn }]);
  });

  it.each([
    ["vpcId", { vpcId: undefined }, "is required"],
    ["vpcId", { vpcId: "my-vpc" }, 'must start with "vpc-"'],
    ["subnetIds", { subnetIds: [] }, "JSON array"],
    [
      "secrets",
      { secrets: [{ arn: "arn:aws:secretsmanager:eu-west-1:1:secret:name" }] },
      "complete secret ARNs",
    ],
    ["dryRun", { dryRun: "yes" }, "true or false"],
    ["probePorts", { probePorts: "70000" }, "a port or a range"],
    ["sweepSchedule", { sweepSchedule: "hourly" }, "rate(1 hour)"],
    ["maxRedeploysPerRun", { maxRedeploysPerRun: -2 }, "non-negative integer"],
    ["logRetentionDays", { logRetentionDays: 45 }, "must be one of 1, 3, 5, 7"],
  ])("names the bad key %s and the expected form", (key, overrides, hint) => {
    const error = contextError({ ...minimal, ...overrides });
    expect(error).toMatchObject({ code: "ROLLOUT_VERIFIER_CONTEXT_INVALID", key });
    expect(error.message).toContain(hint);
  });
});
