import { AwsSolutionsChecks } from "cdk-nag";
import { describe, expect, it } from "vitest";
import { buildVerifierStack, widerProps } from "./verifier-test-stack.js";

function unacknowledged(stack: Parameters<AwsSolutionsChecks["validateScope"]>[0]): string[] {
  const report = new AwsSolutionsChecks().validateScope(stack);
  return report.violations.map(
    (violation) =>
      `${violation.ruleName}: ${violation.violatingResources.map((r) => r.constructPath).join(", ")}`,
  );
}

describe("cdk-nag AwsSolutionsChecks", { timeout: 120_000 }, () => {
  it("reports no unacknowledged finding for the default construct", () => {
    expect(unacknowledged(buildVerifierStack().stack)).toEqual([]);
  });

  it("reports none with every optional grant on: all clusters, bridge, KMS, partial ARN, fallbacks", () => {
    const { stack } = buildVerifierStack((scope) => ({
      ...widerProps(scope),
      clusters: undefined,
      bridgeNetworking: true,
      cloudTrailFallbacks: true,
    }));
    expect(unacknowledged(stack)).toEqual([]);
  });
});
