/**
 * How the verifier Lambda is bundled by `npm run build` (scripts/build-lambda.ts) into
 * dist/handler.mjs: the file the local fleet, the demo, the bench and the tests run, shipped in the
 * package and deployed as it is by the construct (lib/lambda-bundle-directory.ts), so the tested
 * bundle is the deployed bundle.
 */

/** ESM bundles that pull CommonJS dependencies (parts of the SDK, Powertools) need a real `require`. */
export const esmRequireBanner =
  "import { createRequire as __verifierCreateRequire } from 'node:module'; const require = __verifierCreateRequire(import.meta.url);";

export const lambdaBundle = {
  entry: "lambda/handler.ts",
  /** Node 20 syntax: runs unchanged on the Node.js 24 Lambda runtime and on any supported local Node. */
  target: "node20",
  minify: true,
  sourceMap: true,
  /**
   * The EC2 client serves only bridge/host-mode address lookups, the CloudTrail client only the
   * cut-over lookup of sweeps and direct runs; both are loaded on first need and kept out of the
   * bundle (EC2 about 1 MB minified, CloudTrail about 95 kB: it alone would take the bundle past
   * 400 kB); they come from the Lambda runtime's SDK v3, or node_modules locally.
   */
  externalModules: ["@aws-sdk/client-ec2", "@aws-sdk/client-cloudtrail", "@aws-sdk/client-cloudwatch-logs"],
  /**
   * The SDK's default credential chain replaced by the environment provider, the one Lambda needs
   * (see `lambda/adapters/aws/lambda-credential-provider.ts`). Paths are relative to the project root.
   */
  alias: {
    "@aws-sdk/credential-provider-node": "./lambda/adapters/aws/lambda-credential-provider.ts",
  },
  banner: esmRequireBanner,
} as const;
