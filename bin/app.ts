import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { contextLookup, readProjectContextFiles } from "../lib/context/context-lookup.js";
import { readStackContext } from "../lib/read-stack-context.js";
import { RolloutVerifierPropsError, StackContextError } from "../lib/rollout-verifier-error.js";
import { RolloutVerifierStack } from "../lib/rollout-verifier-stack.js";

/** The CDK app: one stack from `cdk.json` context, checked by cdk-nag's AwsSolutions pack on every synth. */
const app = new App();
try {
  // The CLI runs the app in the directory of cdk.json; comparing with it tells cdk.json values from -c ones.
  const files = readProjectContextFiles(process.cwd());
  const lookup = contextLookup((key) => app.node.tryGetContext(key), files);
  const setKeys = Object.keys(app.node.getAllContext() as Record<string, unknown>).filter(
    (key) => !(key in files.cdkContextJson),
  );
  const context = readStackContext(lookup, setKeys);
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
