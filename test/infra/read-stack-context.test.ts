import { describe, expect, it } from "vitest";
import { ContextSource, lookupIn } from "../../lib/context/context-entry.js";
import { readStackContext } from "../../lib/read-stack-context.js";
import { secretArn } from "./verifier-test-stack.js";

const minimal: Record<string, unknown> = {
  account: "123456789012",
  region: "eu-west-1",
  vpc: "vpc-0123456789abcdef0",
  vpcSubnets: ["subnet-0123456789abcdef0"],
  secrets: [{ arn: secretArn }],
};
const keyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** The minimal context from cdk.json, with `flags` passed as `-c key=value` (always text). */
function withFlags(flags: Record<string, string>) {
  return (key: string) =>
    key in flags
      ? { value: flags[key], source: ContextSource.commandLine }
      : lookupIn(minimal, ContextSource.cdkJson)(key);
}

function contextError(
  lookup: Parameters<typeof readStackContext>[0],
  setKeys: readonly string[] = [],
): { code?: string; key?: string; source?: string; message: string } {
  try {
    readStackContext(lookup, setKeys);
  } catch (error) {
    return error as { code?: string; key?: string; source?: string; message: string };
  }
  throw new Error("expected a context error");
}

describe("readStackContext", () => {
  it("reads the minimal context and leaves every optional key unset", () => {
    expect(readStackContext(lookupIn(minimal, ContextSource.cdkJson))).toEqual(minimal);
  });

  it("reads comma-separated strings and string booleans from -c flags", () => {
    const context = readStackContext(
      withFlags({
        vpcSubnets: "subnet-0123456789abcdef0, subnet-0fedcba9876543210",
        secrets: secretArn,
        clusters: "orders-prod,billing-prod",
        dryRun: "true",
        maxRedeploysPerRun: "3",
        probePorts: "32768-65535",
      }),
    );
    expect(context).toMatchObject({
      vpcSubnets: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
      secrets: [{ arn: secretArn }],
      clusters: ["orders-prod", "billing-prod"],
      dryRun: true,
      maxRedeploysPerRun: 3,
      probePorts: "32768-65535",
    });
  });

  it("reads JSON arrays given with -c exactly like the same arrays in cdk.json", () => {
    const fromFlags = readStackContext(
      withFlags({
        clusters: '["orders-prod","billing-prod"]',
        vpcSubnets: '["subnet-0123456789abcdef0"]',
        secrets: JSON.stringify([{ arn: secretArn, kmsKeyArn: keyArn }]),
      }),
    );
    const fromFile = readStackContext(
      lookupIn(
        {
          ...minimal,
          clusters: ["orders-prod", "billing-prod"],
          secrets: [{ arn: secretArn, kmsKeyArn: keyArn }],
        },
        ContextSource.cdkJson,
      ),
    );
    expect(fromFlags).toEqual(fromFile);
    expect(readStackContext(withFlags({ clusters: '["orders-prod"]' })).clusters).toEqual(["orders-prod"]);
  });

  it("normalizes cluster ARNs to names and keeps a cluster named twice once", () => {
    const context = readStackContext(
      withFlags({
        clusters: "arn:aws:ecs:eu-west-1:123456789012:cluster/orders-prod,orders-prod,billing-prod",
      }),
    );
    expect(context.clusters).toEqual(["orders-prod", "billing-prod"]);
  });

  it("keeps a secret's customer-managed key", () => {
    expect(
      readStackContext(lookupIn({ ...minimal, secrets: [{ arn: secretArn, kmsKeyArn: keyArn }] }, "cdk.json"))
        .secrets,
    ).toEqual([{ arn: secretArn, kmsKeyArn: keyArn }]);
  });

  it("rejects a KMS alias ARN and says that IAM grants on an alias reach no key", () => {
    const error = contextError(
      lookupIn(
        {
          ...minimal,
          secrets: [{ arn: secretArn, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/jwt" }],
        },
        ContextSource.cdkJson,
      ),
    );
    expect(error).toMatchObject({
      code: "ROLLOUT_VERIFIER_CONTEXT_INVALID",
      key: "secrets",
      source: "cdk.json",
    });
    expect(error.message).toContain("alias ARN");
    expect(error.message).toContain("not to the key it points to");
  });

  it("fails on an empty clusters instead of widening to every cluster", () => {
    for (const empty of ["", "[]", " , "]) {
      const error = contextError(withFlags({ clusters: empty }));
      expect(error).toMatchObject({
        code: "ROLLOUT_VERIFIER_CONTEXT_INVALID",
        key: "clusters",
        source: "-c",
      });
      expect(error.message).toContain("would watch every cluster");
    }
  });

  it("blames the command line for a -c value and cdk.json for a file value", () => {
    const flag = contextError(withFlags({ secrets: '[{"arn": "nope"}]' }));
    expect(flag).toMatchObject({ key: "secrets", source: "-c" });
    expect(flag.message).toContain("from -c secrets=... on the command line");
    const file = contextError(lookupIn({ ...minimal, secrets: [{ arn: "nope" }] }, ContextSource.cdkJson));
    expect(file).toMatchObject({ key: "secrets", source: "cdk.json" });
    expect(file.message).toContain("(from cdk.json)");
  });

  it("rejects an unknown key such as a misspelt clusterName, naming the key it resembles", () => {
    const error = contextError(
      (key) =>
        key === "clusterName"
          ? { value: "orders-prod", source: ContextSource.cdkJson }
          : lookupIn(minimal, ContextSource.cdkJson)(key),
      ["account", "clusterName", "cli-telemetry", "aws:cdk:enable-path-metadata", "@aws-cdk/core:flag"],
    );
    expect(error).toMatchObject({ key: "clusterName", source: "cdk.json" });
    expect(error.message).toContain("did you mean `clusters`?");
  });

  it("names the new key of a renamed one, such as clusterNames, instead of ignoring it", () => {
    const error = contextError(
      (key) =>
        key === "clusterNames"
          ? { value: ["orders-prod"], source: ContextSource.cdkJson }
          : lookupIn(minimal, ContextSource.cdkJson)(key),
      ["account", "clusterNames"],
    );
    expect(error).toMatchObject({ key: "clusterNames", source: "cdk.json" });
    expect(error.message).toContain("is now `clusters`");
  });

  it("reads durations with their unit, as the props' Durations", () => {
    const context = readStackContext(
      withFlags({
        probeTimeout: "750 milliseconds",
        followUpWindow: "30 minutes",
        timeout: "10 minutes",
        gateMaxWait: "2 minutes",
        gateCallBackDelay: "1 second",
      }),
    );
    expect(context.probeTimeout?.toMilliseconds()).toBe(750);
    expect(context.followUpWindow?.toMinutes()).toBe(30);
    expect(context.timeout?.toSeconds()).toBe(600);
    expect(context.gateMaxWait?.toSeconds()).toBe(120);
    expect(context.gateCallBackDelay?.toSeconds()).toBe(1);
  });

  it.each([
    ["account", { account: "12345" }, "12-digit AWS account id"],
    ["region", { region: "europe" }, "AWS region"],
    ["vpc", { vpc: undefined }, "is required"],
    ["vpc", { vpc: "vpc-xyz" }, "VPC id"],
    ["vpcSubnets", { vpcSubnets: [] }, "is empty"],
    ["vpcSubnets", { vpcSubnets: ["subnet-1"] }, "subnet id"],
    ["securityGroups", { securityGroups: ["sg-nope"] }, "security group id"],
    [
      "secrets",
      { secrets: [{ arn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:name" }] },
      "complete secret ARNs",
    ],
    [
      "secrets",
      { secrets: [{ arn: secretArn.replace("eu-west-1", "us-east-1") }] },
      "own account and region",
    ],
    ["secrets", { secrets: [{ arn: secretArn, kmsKeyArn: "key/1234" }] }, "KMS key ARN"],
    ["secrets", { secrets: [{ arn: secretArn, kmsKey: keyArn }] }, "unknown member(s) kmsKey"],
    ["clusters", { clusters: ["orders prod"] }, "neither a cluster name"],
    ["clusters", { clusters: ["arn:aws:ecs:eu-west-1:123456789012:service/a/b"] }, "not a cluster ARN"],
    [
      "clusters",
      { clusters: ["arn:aws:ecs:eu-west-1:999999999999:cluster/a"] },
      "not in the stack's account",
    ],
    ["dryRun", { dryRun: "yes" }, "true or false"],
    ["probePorts", { probePorts: "70000" }, "a port or a range"],
    ["probePath", { probePath: "health" }, 'starting with "/"'],
    ["probeTimeout", { probeTimeout: 750 }, "a whole number and a unit"],
    ["probeTimeout", { probeTimeout: "5 milliseconds" }, "from 100 millis to 1 minute"],
    ["followUpWindow", { followUpWindow: "2 days" }, "a whole number and a unit"],
    ["timeout", { timeout: "20 minutes" }, "to 15 minutes"],
    ["memorySize", { memorySize: 64 }, "integer from 128"],
    ["probeConcurrency", { probeConcurrency: 0 }, "integer from 1"],
    ["awsConcurrency", { awsConcurrency: 100 }, "integer from 1 to 64"],
    ["gateOnError", { gateOnError: "shut" }, 'one of "open", "closed"'],
    ["gateMaxWait", { gateMaxWait: "forever" }, "a whole number and a unit"],
    ["gateCallBackDelay", { gateCallBackDelay: "0 seconds" }, "from 1 second"],
    ["sweepSchedule", { sweepSchedule: "hourly" }, "rate(1 hour)"],
    ["sweepSchedule", { sweepSchedule: "rate(1 hours)" }, "rate(1 hour)"],
    ["maxRedeploysPerRun", { maxRedeploysPerRun: -2 }, "integer from 0 to 1000"],
    ["alarmEmail", { alarmEmail: "not-an-email" }, "e-mail address"],
    ["alarmTopic", { alarmTopic: "arn:aws:sqs:eu-west-1:123456789012:q" }, "SNS topic ARN"],
    ["logRetention", { logRetention: 45 }, "must be one of 1, 3, 5, 7"],
  ])("names the bad key %s, its source and the expected form", (key, overrides, hint) => {
    const error = contextError(lookupIn({ ...minimal, ...overrides }, ContextSource.cdkJson));
    expect(error).toMatchObject({ code: "ROLLOUT_VERIFIER_CONTEXT_INVALID", key });
    expect(error.message).toContain(`\`${key}\``);
    expect(error.message).toContain(hint);
  });
});
