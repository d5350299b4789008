import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { readStackContext } from "../lib/read-stack-context.js";
import { RolloutVerifierPropsError, StackContextError } from "../lib/rollout-verifier-error.js";
import { RolloutVerifierStack } from "../lib/rollout-verifier-stack.js";

/** The CDK app: one stack from `cdk.json` context, checked by cdk-nag's AwsSolutions pack on every synth. */
const app = new App();
try {
  const context = readStackContext((key) => app.node.tryGetContext(key));
  new RolloutVerifierStack(app, "EcsRolloutVerifier", {
    env: { account: context.account, region: context.region },
    description:
      "ecs-rollout-verifier: proves ECS tasks picked up rotated secrets and redeploys the laggards",
    context,
  });
} catch (error) {
  // A bad context value or prop is the operator's to fix: say which and how, without a stack trace.
  if (!(error instanceof StackContextError || error instanceof RolloutVerifierPropsError)) throw error;
  process.stderr.write(`${error.code}: ${error.message}\n`);
  process.exit(1);
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
