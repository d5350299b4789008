import { type BuildOptions, build } from "esbuild";

/**
 * Bundles the Lambda exactly as the CDK stack deploys it: one ESM file with the AWS SDK inside
 * (pinned, no dependence on the runtime's copy), minified, with a source map. The banner gives
 * CommonJS dependencies the `require` that ESM lacks.
 */
export const lambdaBundleOptions: BuildOptions = {
  entryPoints: ["lambda/handler.ts"],
  outfile: "dist/handler.mjs",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minify: true,
  sourcemap: true,
  legalComments: "none",
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
};

const result = await build({ ...lambdaBundleOptions, metafile: true });
const bytes = Object.values(result.metafile?.outputs ?? {}).reduce((sum, output) => sum + output.bytes, 0);
console.log(`built dist/handler.mjs (${Math.round(bytes / 1024)} kB with source map)`);
