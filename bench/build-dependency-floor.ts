import { join } from "node:path";
import { build } from "esbuild";
import { lambdaBundle } from "../lib/lambda-bundle.js";

/**
 * Bundles `dependency-floor-entry.ts` with the handler's esbuild settings (`lib/lambda-bundle.ts`)
 * into `outDir`; returns the file's path and size in bytes.
 */
export async function buildDependencyFloor(outDir: string): Promise<{ path: string; bytes: number }> {
  const path = join(outDir, "dependency-floor.mjs");
  const result = await build({
    entryPoints: ["bench/dependency-floor-entry.ts"],
    outfile: path,
    bundle: true,
    platform: "node",
    format: "esm",
    target: lambdaBundle.target,
    minify: lambdaBundle.minify,
    mainFields: ["module", "main"],
    external: [...lambdaBundle.externalModules],
    alias: { ...lambdaBundle.alias },
    banner: { js: lambdaBundle.banner },
    legalComments: "none",
    metafile: true,
    logLevel: "silent",
  });
  const bytes = Object.values(result.metafile?.outputs ?? {})[0]?.bytes ?? 0;
  return { path, bytes };
}
