import { readFileSync } from "node:fs";
import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { VerifierPolicySid } from "../../lib/verifier-policy.js";
import { resolveRolePolicy } from "./iam/resolve-role-policy.js";
import { buildVerifierStack, env, widerProps } from "./verifier-test-stack.js";

const readme = readFileSync(new URL("../../docs/deploy.md", import.meta.url), "utf8");

/** The first column of the IAM table in docs/deploy.md: one statement id per row. */
function readmeStatementIds(): string[] {
  const section = readme.slice(readme.indexOf("## IAM granted to the function"));
  const table = section.slice(0, section.indexOf("\n\n", section.indexOf("| Statement |")));
  return table
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| Statement") && !line.startsWith("|---"))
    .map((line) => (line.split("|")[1] as string).trim());
}

describe("the IAM table in docs/deploy.md", { timeout: 120_000 }, () => {
  it("lists every statement of the synthesized policy, with every option on, and no other", () => {
    const { stack } = buildVerifierStack((scope) => ({
      ...widerProps(scope),
      clusters: undefined,
      bridgeNetworking: true,
      taskLogGroups: ["/ecs/billing-worker"],
    }));
    const sids = resolveRolePolicy(Template.fromStack(stack), env).map((statement) => statement.Sid);
    expect(sids).not.toContain(undefined);
    expect(readmeStatementIds().sort()).toEqual([...new Set(sids)].sort());
    expect(readmeStatementIds().sort()).toEqual(Object.values(VerifierPolicySid).sort());
  });
});
