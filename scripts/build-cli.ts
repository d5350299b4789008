import { build } from "esbuild";
import { esmRequireBanner } from "../lib/lambda-bundle.js";

/**
 * Compiles the operator CLI (`bin/cli.ts`) into one ESM file, build/cli.mjs: the package's
 * `rollout-verifier` bin. Its code and every library it uses (the AWS SDK clients, jose, zod) are
 * inside, as in the Lambda bundle, so the installed command needs no TypeScript runner and no
 * runtime dependency. The default credential chain is kept: an operator's profiles and SSO work.
 */
const outfile = "build/cli.mjs";
const result = await build({
  entryPoints: ["bin/cli.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  mainFields: ["module", "main"],
  banner: { js: `#!/usr/bin/env node\n${esmRequireBanner}` },
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});
const bytes = result.metafile?.outputs[outfile]?.bytes ?? 0;
console.log(`built ${outfile} (${Math.round(bytes / 1024)} kB)`);
