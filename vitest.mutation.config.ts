import { defineConfig } from "vitest/config";

/**
 * The tests Stryker runs against each mutant of the decision code (`npm run mutation`): the unit tests
 * of the core and its callers, and the infra tests that check the IAM policy statement by statement.
 * Left out, because they exercise no decision code or cost a CDK synth of the whole stack per mutant
 * without checking more of the policy:
 * - the fleet's own tests (it is the simulated AWS, and starts app processes);
 * - the operator CLI's tests (command line and rendering; they reach the core only through
 *   runVerification, which test/unit/core covers);
 * - the docs, architecture, bundle and repository checks (they read files, not behaviour);
 * - the infra tests of stack options, CloudFormation linting, cdk-nag and the README's tables (each
 *   synthesizes the whole stack; test/infra/policy-statements.test.ts checks every statement exactly
 *   without one).
 * Integration tests are never here: an integration test may not be the only thing that kills a
 * decision bug. Modules are isolated per file as in the main config: with `isolate: false` a mutant
 * of a module-level constant is never switched on (the module stays loaded) and survives falsely.
 */
export default defineConfig({
  test: {
    include: [
      "test/unit/**/*.test.ts",
      "test/infra/policy-statements.test.ts",
      "test/infra/policy-covers-handler-calls.test.ts",
      "test/infra/iam/**/*.test.ts",
    ],
    exclude: [
      "test/unit/fleet/**",
      "test/unit/cli/**",
      "test/unit/docs/**",
      "test/unit/architecture/**",
      "test/unit/bundle.test.ts",
      "test/unit/hermetic-repository.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
