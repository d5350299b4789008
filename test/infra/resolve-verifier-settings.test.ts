import { Duration, Stack } from "aws-cdk-lib";
import { Vpc } from "aws-cdk-lib/aws-ec2";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { describe, expect, it } from "vitest";
import { resolveVerifierSettings } from "../../lib/resolve-verifier-settings.js";
import type { RolloutVerifierProps } from "../../lib/rollout-verifier-props.js";
import { secretArn } from "./verifier-test-stack.js";

const stack = new Stack();
const base: RolloutVerifierProps = {
  vpc: Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-1", availabilityZones: ["eu-west-1a"] }),
  secrets: [Secret.fromSecretCompleteArn(stack, "Secret", secretArn)],
};
function propError(overrides: Partial<RolloutVerifierProps>): {
  code?: string;
  prop?: string;
  message: string;
} {
  try {
    resolveVerifierSettings({ ...base, ...overrides });
  } catch (error) {
    return error as { code?: string; prop?: string; message: string };
  }
  throw new Error("expected a props error");
}

describe("resolveVerifierSettings", () => {
  it("applies the documented defaults", () => {
    const settings = resolveVerifierSettings(base);
    expect(settings).toMatchObject({
      dryRun: false,
      maxRedeploysPerRun: 25,
      requireRedeployTag: true,
      bridgeNetworking: false,
      cloudTrailFallbacks: false,
      securityProbes: true,
      probeConcurrency: 16,
      awsConcurrency: 8,
      memorySize: 256,
    });
    expect(settings.timeout.toSeconds()).toBe(300);
    expect(settings.followUpWindow.toMinutes()).toBe(60);
    expect(settings.probeTimeout.toMilliseconds()).toBe(2000);
    expect(settings.probePorts.toString()).toBe("8080");
  });

  it.each([
    ["secrets", { secrets: [] }],
    ["clusters", { clusters: [] }],
    ["maxRedeploysPerRun", { maxRedeploysPerRun: -1 }],
    ["followUpWindow", { followUpWindow: Duration.seconds(90) }],
    ["probeConcurrency", { probeConcurrency: 0 }],
    ["awsConcurrency", { awsConcurrency: 1.5 }],
    ["memorySize", { memorySize: 64 }],
    ["timeout", { timeout: Duration.minutes(16) }],
    ["probeTimeout", { probeTimeout: Duration.minutes(6) }],
    ["probePath", { probePath: "health" }],
  ] as const)("rejects a bad %s with the prop named and a stable code", (prop, overrides) => {
    const error = propError(overrides as Partial<RolloutVerifierProps>);
    expect(error).toMatchObject({ code: "ROLLOUT_VERIFIER_PROPS_INVALID", prop });
    expect(error.message).toContain(`\`${prop}\``);
  });
});
