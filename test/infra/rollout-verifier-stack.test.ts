import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { contextLookup, readProjectContextFiles } from "../../lib/context/context-lookup.js";
import { esmRequireBanner } from "../../lib/lambda-bundle.js";
import { readStackContext } from "../../lib/read-stack-context.js";
import { RolloutVerifierStack } from "../../lib/rollout-verifier-stack.js";

const cdkJson = JSON.parse(readFileSync(new URL("../../cdk.json", import.meta.url), "utf8")) as {
  app: string;
  notices?: unknown;
  context: Record<string, unknown>;
};
let app: App;
let stack: RolloutVerifierStack;

/** The stack exactly as `cdk synth` builds it from cdk.json, with the prebuilt bundle (`npm run build`) as its code. */
beforeAll(() => {
  app = new App({ context: cdkJson.context });
  const files = readProjectContextFiles(fileURLToPath(new URL("../..", import.meta.url)));
  const context = readStackContext(
    contextLookup((key) => app.node.tryGetContext(key), files),
    Object.keys(cdkJson.context),
  );
  stack = new RolloutVerifierStack(app, "EcsRolloutVerifier", {
    env: { account: context.account, region: context.region },
    context,
  });
}, 120_000);

describe("RolloutVerifierStack from cdk.json context", { timeout: 120_000 }, () => {
  it("keeps the app command the project runs", () => {
    // The bundle is built first, so a deploy from a checkout never ships a bundle older than the source.
    expect(cdkJson.app).toBe("npx tsx scripts/build-lambda.ts && npx tsx bin/app.ts");
  });

  it("keeps the CDK CLI off the network: no usage telemetry, no notices fetch", () => {
    expect(cdkJson.context["cli-telemetry"]).toBe(false);
    expect(cdkJson.notices).toBe(false);
  });

  it("ships in dry run, where the README says to start: the first deploy forces no deployment", () => {
    expect(cdkJson.context.dryRun).toBe(true);
    Template.fromStack(stack).hasResourceProperties("AWS::Lambda::Function", {
      Environment: { Variables: Match.objectLike({ VERIFIER_DRY_RUN: "true" }) },
    });
  });

  it("outputs the log group's name and keeps the group when the stack is deleted (docs/deploy.md, Teardown)", () => {
    const template = Template.fromStack(stack);
    template.hasOutput("LogGroupName", { Value: { Ref: Match.stringLikeRegexp("Logs") } });
    template.hasResource("AWS::Logs::LogGroup", { DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
    for (const output of [
      "FunctionName",
      "DashboardName",
      "AlarmTopicArn",
      "GateFunctionArn",
      "GateHookRoleArn",
    ])
      expect(Object.keys(template.findOutputs(output))).toEqual([output]);
  });

  it("imports the VPC subnets, secret and cluster named in the context", () => {
    const template = Template.fromStack(stack);
    template.hasResourceProperties("AWS::Lambda::Function", {
      VpcConfig: Match.objectLike({ SubnetIds: cdkJson.context.vpcSubnets }),
      Environment: {
        Variables: Match.objectLike({
          VERIFIER_CLUSTERS: "orders-prod",
          VERIFIER_WATCHED_SECRETS: Match.anyValue(),
        }),
      },
    });
    template.hasResourceProperties("AWS::Events::Rule", {
      ScheduleExpression: cdkJson.context.sweepSchedule,
    });
  });

  it("deploys the tested bundle: the asset is dist/handler.mjs and its map, byte for byte", () => {
    const assembly = app.synth();
    const assetDirs = readdirSync(assembly.directory).filter((entry) => entry.startsWith("asset."));
    // One asset for both functions.
    expect(assetDirs).toHaveLength(1);
    const assetDir = join(assembly.directory, assetDirs[0] as string);
    expect(readdirSync(assetDir).sort()).toEqual(["handler.mjs", "handler.mjs.map"]);
    expect(
      readFileSync(join(assetDir, "handler.mjs")).equals(
        readFileSync(new URL("../../dist/handler.mjs", import.meta.url)),
      ),
    ).toBe(true);
    const template = Template.fromStack(stack);
    for (const logicalId of Object.keys(template.findResources("AWS::Lambda::Function")))
      expect(template.toJSON().Resources[logicalId].Properties).toMatchObject({
        Handler: "handler.handler",
        Code: { S3Key: `${assetDirs[0]?.slice("asset.".length)}.zip` },
      });
  });

  it("bundles the handler as ESM with the createRequire banner and the AWS SDK inside", () => {
    const bundle = readFileSync(new URL("../../dist/handler.mjs", import.meta.url), "utf8");
    expect(bundle.startsWith(esmRequireBanner)).toBe(true);
    expect(bundle).toContain("SecretsManager");
  });

  it("bundles the environment credential provider instead of the SDK's default chain", () => {
    const bundle = readFileSync(new URL("../../dist/handler.mjs", import.meta.url), "utf8");
    expect(bundle).toContain("AWS_SECRET_ACCESS_KEY");
    for (const provider of [
      "AWS_CONTAINER_CREDENTIALS_FULL_URI",
      "AWS_WEB_IDENTITY_TOKEN_FILE",
      "sso_start_url",
    ])
      expect(bundle).not.toContain(provider);
  });
});
