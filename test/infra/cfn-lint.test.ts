import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Template } from "aws-cdk-lib/assertions";
import { afterAll, describe, expect, it } from "vitest";
import { CrossCheckTool, crossCheckToolsAvailable } from "../support/cross-check-tools.js";
import { buildVerifierStack, widerProps } from "./verifier-test-stack.js";

/** The tool this suite cross-checks with; see test/support/cross-check-tools.ts. */
const available = crossCheckToolsAvailable(CrossCheckTool.cfnLint);

const workDir = mkdtempSync(join(tmpdir(), "verifier-cfn-lint-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** W3005: CDK itself adds a redundant DependsOn from every Lambda function to its role; harmless. */
const ignoredChecks = ["W3005"];

/** cfn-lint's exit code is a bit mask: 2 = errors, 4 = warnings, 8 = informational. */
function lint(name: string, template: Template): { errors: boolean; output: string } {
  const file = join(workDir, `${name}.template.json`);
  writeFileSync(file, JSON.stringify(template.toJSON(), null, 1));
  try {
    return {
      errors: false,
      output: execFileSync(
        "cfn-lint",
        ["--format", "parseable", "--ignore-checks", ...ignoredChecks, "--", file],
        {
          encoding: "utf8",
        },
      ),
    };
  } catch (error) {
    const failure = error as { status: number; stdout: string };
    return { errors: (failure.status & 2) !== 0, output: failure.stdout };
  }
}

describe.runIf(available)("cfn-lint on the synthesized template", { timeout: 180_000 }, () => {
  it("finds no error and no warning in the default construct", () => {
    const result = lint("default", Template.fromStack(buildVerifierStack().stack));
    expect(result.errors).toBe(false);
    expect(result.output).toBe("");
  });

  it("finds no error and no warning with every option on", () => {
    const { stack } = buildVerifierStack((scope) => ({
      ...widerProps(scope),
      clusters: undefined,
      bridgeNetworking: true,
      cloudTrailFallbacks: true,
    }));
    const result = lint("wide", Template.fromStack(stack));
    expect(result.errors, result.output).toBe(false);
    expect(result.output).toBe("");
    expect(readFileSync(join(workDir, "wide.template.json"), "utf8")).toContain("PutSecretValue");
  });
});
