import { App, Stack } from "aws-cdk-lib";
import { Annotations, Match } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { Construct } from "constructs";
import { describe, expect, it } from "vitest";
import { acknowledgeNagFindings } from "../../lib/nag-acknowledgements.js";
import { allow } from "../../lib/policy/allow-statement.js";
import { VerifierPolicySid } from "../../lib/verifier-policy.js";
import { buildVerifierStack, widerProps } from "./verifier-test-stack.js";

function errorsOf(stack: Stack) {
  return Annotations.fromStack(stack).findError("*", Match.anyValue());
}

function unacknowledged(stack: Parameters<AwsSolutionsChecks["validateScope"]>[0]): string[] {
  const report = new AwsSolutionsChecks().validateScope(stack);
  return report.violations.map(
    (violation) =>
      `${violation.ruleName}: ${violation.violatingResources.map((r) => r.constructPath).join(", ")}`,
  );
}

describe("cdk-nag AwsSolutionsChecks", { timeout: 120_000 }, () => {
  it("reports no unacknowledged finding for the default construct", () => {
    const { stack } = buildVerifierStack();
    expect(unacknowledged(stack)).toEqual([]);
    expect(errorsOf(stack)).toEqual([]);
  });

  it("reports none with every optional grant on: all clusters, bridge, KMS, partial ARN, fallbacks", () => {
    const { stack } = buildVerifierStack((scope) => ({
      ...widerProps(scope),
      clusters: undefined,
      bridgeNetworking: true,
      cloudTrailFallbacks: true,
    }));
    expect(unacknowledged(stack)).toEqual([]);
    expect(errorsOf(stack)).toEqual([]);
  });

  it("refuses a statement widened to * even when another statement's * is acknowledged", () => {
    const stack = new Stack(new App(), "Widened", { env: { account: "123456789012", region: "eu-west-1" } });
    const scope = new Construct(stack, "Fn");
    const cluster = stack.formatArn({ service: "ecs", resource: "service", resourceName: "orders-prod/*" });
    acknowledgeNagFindings(
      scope,
      [
        allow(VerifierPolicySid.listClusterResources, ["ecs:ListServices", "ecs:ListTasks"], ["*"]),
        allow(
          VerifierPolicySid.describeClusterResources,
          ["ecs:DescribeServices", "ecs:DescribeTasks"],
          ["*"],
        ),
        allow(VerifierPolicySid.forceRedeploy, ["ecs:UpdateService"], [cluster]),
      ],
      [],
    );
    const messages = errorsOf(stack).map((entry) => String(entry.entry.data));
    expect(messages).toEqual([
      "Policy statement DescribeServicesAndTasks names the wildcard resource *, wider than its acknowledged shape: narrow it, or change lib/nag-acknowledgements.ts with a reason.",
    ]);
  });
});
