import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { cruise, type ICruiseResult, type IForbiddenRuleType } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

/**
 * The import rules of `.dependency-cruiser.cjs` (no circles between files; the core reaches AWS,
 * the network and the process only through its ports; the shipped code never imports the fleet,
 * the demo or the bench), plus the core's one rule an import graph cannot see: no `process` global.
 * Each check runs on the repository, and on a planted violation so that it is shown to fail.
 */
const root = fileURLToPath(new URL("../../../", import.meta.url));
const fixtures = join(root, "test/fixtures/architecture");
const config = createRequire(import.meta.url)(join(root, ".dependency-cruiser.cjs")) as {
  forbidden: IForbiddenRuleType[];
  options: Record<string, unknown>;
};

/** Every folder of the repository with code in it, tests aside. */
const sourceFolders = ["lambda", "lib", "cli", "fleet", "bench", "demo", "bin"];

/** One line per violation: the rule, then the import (or the circle) that breaks it. */
async function violations(folders: readonly string[], baseDir: string): Promise<string[]> {
  const result = await cruise([...folders], {
    ...config.options,
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  const output = result.output as ICruiseResult;
  return output.summary.violations
    .map((violation) =>
      violation.cycle
        ? `${violation.rule.name}: ${[violation.from, ...violation.cycle.map((step) => step.name)].join(" → ")}`
        : `${violation.rule.name}: ${violation.from} → ${violation.to}`,
    )
    .sort();
}

/** `process.env`, `process[...]`, `globalThis.process` or `= process` in code (comments stripped). */
const processUse = /\bprocess\s*(\?\.|\.|\[)|globalThis\s*\.\s*process\b|=\s*process\b/;

/** `file:line` of each use of the `process` global under `dir`. */
function processUses(dir: string): string[] {
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) =>
    file.endsWith(".ts"),
  );
  return files.flatMap((file) => {
    const code = readFileSync(join(dir, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, (comment) =>
      comment.replace(/[^\n]/g, " "),
    );
    return code.split("\n").flatMap((line, index) => {
      const withoutComment = line.replace(/\/\/.*$/, "");
      return processUse.test(withoutComment) ? [`${relative(root, join(dir, file))}:${index + 1}`] : [];
    });
  });
}

describe("import rules", { timeout: 120_000 }, () => {
  it("hold across the repository: no circle between files, no import across a boundary", async () => {
    expect(await violations(sourceFolders, root)).toEqual([]);
  });

  it("fail on a planted circle, naming every file in it", async () => {
    expect(await violations(["cycle"], fixtures)).toEqual([
      "no-circular: cycle/a.ts → cycle/b.ts → cycle/a.ts",
    ]);
  });

  it("fail on planted boundary crossings, naming each offending import", async () => {
    const found = await violations(["lambda", "lib", "cli"], join(fixtures, "boundaries"));
    const named = found.map((line) => line.replace(/ → .*node_modules\/(@aws-sdk\/[^/]+)\/.*$/, " → $1"));
    expect(named).toEqual([
      "core-no-adapters: lambda/core/planted.ts → lambda/adapters/ecs-adapter.ts",
      "core-no-aws-sdk: lambda/core/planted.ts → @aws-sdk/client-ecs",
      "core-no-network-or-process: lambda/core/planted.ts → http",
      "core-no-network-or-process: lambda/core/planted.ts → net",
      "core-no-network-or-process: lambda/core/planted.ts → process",
      "product-no-dev-code: cli/command.ts → bench/run-bench.ts",
      "product-no-dev-code: lambda/handler.ts → fleet/start-fleet.ts",
      "product-no-dev-code: lib/stack.ts → demo/run-demo.ts",
    ]);
  });
});

describe("the core's process rule", () => {
  it("holds: lambda/core reads no process global (its environment comes in as VerifierConfig)", () => {
    expect(processUses(join(root, "lambda/core"))).toEqual([]);
  });

  it("fails on a planted process.env, naming the file and line", () => {
    const planted = "test/fixtures/architecture/boundaries/lambda/core/planted.ts";
    const line =
      readFileSync(join(root, planted), "utf8")
        .split("\n")
        .indexOf("export const region = process.env.AWS_REGION;") + 1;
    expect(line).toBeGreaterThan(0);
    expect(processUses(join(fixtures, "boundaries/lambda/core"))).toEqual([`${planted}:${line}`]);
  });
});
