import { execFile } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The package as a consumer gets it: `npm pack` of the repository, installed with aws-cdk-lib and
 * constructs from the npm registry into a fresh CDK app in a temporary folder, nothing linked from
 * the repository. The app is docs/deploy.md's example, run with node. Needs `npm run build` first
 * (`npm test` and CI run it); the pack runs no scripts, so it never rebuilds dist/ under other tests.
 */
const run = promisify(execFile);
const root = fileURLToPath(new URL("../../../", import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  version: string;
  peerDependencies: Record<string, string>;
};
const cdkLibVersion = "2.276.0";
const constructsVersion = "10.8.1";
const maxTarballBytes = 2 * 1024 * 1024;

/** npm and node with a plain environment: no npm_* settings inherited from an `npm test` parent, no notices. */
function childEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return {
    ...env,
    NODE_PATH: "",
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    npm_config_loglevel: "error",
    CDK_DISABLE_CLI_TELEMETRY: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

/** The consumer example of docs/deploy.md: the fenced block after its `consumer-example` marker. */
function consumerExample(): string {
  const text = readFileSync(join(root, "docs/deploy.md"), "utf8");
  const match = /<!-- consumer-example -->\s*```ts\n([\s\S]*?)```/.exec(text);
  if (!match) throw new Error("docs/deploy.md has no <!-- consumer-example --> code block");
  return match[1] as string;
}

/** An HS256 JWT: decode reads its header and claims without verifying. */
function sampleJwt(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const body = `${part({ alg: "HS256", typ: "JWT" })}.${part({ sub: "user-1", iss: "orders", exp: 4102444800 })}`;
  return `${body}.${createHmac("sha256", "not-a-real-key").update(body).digest("base64url")}`;
}

const work = mkdtempSync(join(tmpdir(), "verifier-package-"));
const app = join(work, "consumer-app");
let tarballBytes = 0;
let template: { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
let installedTree = "";
const timings: string[] = [];

async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await step();
  } finally {
    timings.push(`${label} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

beforeAll(async () => {
  for (const built of ["dist/handler.mjs", "build/cli.mjs", "build/lib/index.js", "build/lib/index.d.ts"])
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run npm run build first`);
  const packed = await timed("npm pack", () =>
    run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], {
      cwd: root,
      env: childEnv(),
    }),
  );
  const [info] = JSON.parse(packed.stdout) as [{ filename: string; size: number; unpackedSize: number }];
  const tarball = join(work, info.filename);
  tarballBytes = statSync(tarball).size;
  console.log(
    `package tarball ${info.filename}: ${(tarballBytes / 1024).toFixed(0)} kB packed, ${(info.unpackedSize / 1024).toFixed(0)} kB unpacked`,
  );

  mkdirSync(app);
  writeFileSync(
    join(app, "package.json"),
    `${JSON.stringify({ name: "consumer-app", private: true, type: "module" }, null, 2)}\n`,
  );
  await timed("npm install", () =>
    run(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--no-update-notifier",
        "--loglevel=error",
        `aws-cdk-lib@${cdkLibVersion}`,
        `constructs@${constructsVersion}`,
        tarball,
      ],
      { cwd: app, env: childEnv() },
    ),
  );
  writeFileSync(join(app, "app.mjs"), consumerExample());
  const outdir = join(work, "cdk.out");
  // Most of the synth's time is aws-cdk-lib's own CloudFormation validation (WebAssembly), which a
  // consumer's synth runs too: kept on, it checks the template against the resource schemas.
  await timed("synth", () =>
    run(process.execPath, ["app.mjs"], { cwd: app, env: { ...childEnv(), CDK_OUTDIR: outdir } }),
  );
  const stackName = /new Stack\(app, "([^"]+)"/.exec(consumerExample())?.[1] ?? "";
  template = JSON.parse(readFileSync(join(outdir, `${stackName}.template.json`), "utf8"));
  installedTree = (
    await run("npm", ["ls", "--omit=dev", "--all", "--parseable"], { cwd: app, env: childEnv() })
  ).stdout;
}, 600_000);

afterAll(() => {
  console.log(`package test timings: ${timings.join(", ")}`);
  rmSync(work, { recursive: true, force: true });
});

const resourcesOf = (type: string) =>
  Object.values(template.Resources).filter((resource) => resource.Type === type);

describe("the npm package, installed from its tarball into a fresh CDK app", () => {
  it("is under 2 MB packed", () => {
    expect(tarballBytes).toBeGreaterThan(0);
    expect(tarballBytes).toBeLessThan(maxTarballBytes);
  });

  it("declares aws-cdk-lib and constructs as peers that the tested versions satisfy", () => {
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(["aws-cdk-lib", "constructs"]);
  });

  it("synthesizes docs/deploy.md's example: both functions from the shipped bundle, the rules, the policy", () => {
    const functions = resourcesOf("AWS::Lambda::Function");
    expect(functions).toHaveLength(2);
    for (const fn of functions) expect(fn.Properties).toMatchObject({ Handler: "handler.handler" });
    expect(functions[0]?.Properties?.Code).toEqual(functions[1]?.Properties?.Code);
    const rules = resourcesOf("AWS::Events::Rule");
    expect(rules.length).toBeGreaterThanOrEqual(3);
    expect(rules.some((rule) => rule.Properties?.ScheduleExpression !== undefined)).toBe(true);
    const sids = resourcesOf("AWS::IAM::Policy").flatMap((policy) => {
      const document = policy.Properties?.PolicyDocument as { Statement: { Sid?: string }[] } | undefined;
      return document?.Statement.map((statement) => statement.Sid) ?? [];
    });
    expect(sids).toContain("ReadWatchedSecrets");
    expect(sids).toContain("ForceRedeployServices");
  });

  it("keeps both functions' logs in one log group", () => {
    expect(resourcesOf("AWS::Logs::LogGroup")).toHaveLength(1);
  });

  it("runs `npx rollout-verifier --help` with no TypeScript runner and no dev dependency", async () => {
    const { stdout } = await run("npx", ["--no", "--", "rollout-verifier", "--help"], {
      cwd: app,
      env: childEnv(),
    });
    expect(stdout).toContain("Commands:");
    expect(stdout).toContain("decode");
    const version = await run("npx", ["--no", "--", "rollout-verifier", "--version"], {
      cwd: app,
      env: childEnv(),
    });
    expect(version.stdout.trim()).toBe(manifest.version);
  });

  it("decodes a JWT with the installed bin", async () => {
    const bin = join(app, "node_modules/.bin/rollout-verifier");
    const { stdout } = await run(bin, ["decode", sampleJwt()], { cwd: app, env: childEnv() });
    expect(stdout).toContain("HS256");
    expect(stdout).toContain("user-1");
  });

  it("installs no tsx, jsonwebtoken or esbuild at run time (npm ls --omit=dev)", () => {
    const packages = installedTree
      .split("\n")
      .filter((line) => line.includes("node_modules"))
      .map((line) => line.slice(line.lastIndexOf("node_modules/") + "node_modules/".length));
    expect(packages).toContain(manifest.name);
    for (const forbidden of ["tsx", "jsonwebtoken", "jsonwebtoken-8", "esbuild"])
      expect(packages).not.toContain(forbidden);
  });
});
