import { build } from "esbuild";
import { lambdaBundle } from "../lib/lambda-bundle.js";

/**
 * Bundles the Lambda as the CDK stack deploys it (`lib/lambda-bundle.ts`): one ESM file with the AWS
 * SDK inside (pinned, independent of the runtime's copy), minified, with a source map.
 */
const result = await build({
  entryPoints: [lambdaBundle.entry],
  outfile: "dist/handler.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: lambdaBundle.target,
  minify: lambdaBundle.minify,
  sourcemap: lambdaBundle.sourceMap,
  sourcesContent: false,
  mainFields: ["module", "main"],
  external: [...lambdaBundle.externalModules],
  alias: { ...lambdaBundle.alias },
  banner: { js: lambdaBundle.banner },
  legalComments: "none",
  metafile: true,
});
const outputs = result.metafile?.outputs ?? {};
const bundleBytes = outputs["dist/handler.mjs"]?.bytes ?? 0;
console.log(`built dist/handler.mjs (${Math.round(bundleBytes / 1024)} kB)`);
