import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * Tools nobody here wrote that cross-check the fleet and the template: moto_server, the AWS CLI,
 * boto3 and cfn-lint. They are Python programs outside `npm ci`, so a contributor's clone may lack
 * them: there their suites are skipped with a notice naming the tool. CI sets
 * `REQUIRE_CROSS_CHECK_TOOLS=1` (`.ci/run`), and there a missing tool fails the suite instead.
 */
export const CrossCheckTool = {
  motoServer: "moto_server",
  awsCli: "aws",
  boto3: "boto3",
  cfnLint: "cfn-lint",
} as const;
export type CrossCheckTool = (typeof CrossCheckTool)[keyof typeof CrossCheckTool];

const REQUIRED_ENV = "REQUIRE_CROSS_CHECK_TOOLS";

function onPath(command: string): boolean {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function installed(tool: CrossCheckTool): boolean {
  if (tool !== CrossCheckTool.boto3) return onPath(tool);
  const python = process.env.PYTHON ?? "python3";
  return onPath(python) && spawnSync(python, ["-c", "import boto3"], { stdio: "ignore" }).status === 0;
}

/**
 * Whether the suites that need `tools` can run here. Throws when a tool is missing and CI requires
 * them all, so that a CI machine without them fails loudly instead of skipping.
 */
export function crossCheckToolsAvailable(...tools: readonly CrossCheckTool[]): boolean {
  const missing = tools.filter((tool) => !installed(tool));
  if (missing.length === 0) return true;
  const message = `cross-check tool(s) not installed: ${missing.join(", ")}`;
  if (process.env[REQUIRED_ENV] === "1") throw new Error(`${message} (${REQUIRED_ENV}=1)`);
  console.warn(`${message}: skipping the suites that need them (set ${REQUIRED_ENV}=1 to require them)`);
  return false;
}
