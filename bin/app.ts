import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { readStackContext } from "../lib/read-stack-context.js";
import { RolloutVerifierStack } from "../lib/rollout-verifier-stack.js";

/** The CDK app: one stack from `cdk.json` context, checked by cdk-nag's AwsSolutions pack on every synth. */
const app = new App();
const context = readStackContext((key) => app.node.tryGetContext(key));
new RolloutVerifierStack(app, "EcsRolloutVerifier", {
  env: { account: context.account, region: context.region },
  description: "ecs-rollout-verifier: proves ECS tasks picked up rotated secrets and redeploys the laggards",
  context,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
